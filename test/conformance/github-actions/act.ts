// Runs a generated workflow on act (github.com/nektos/act), an independent implementation of GitHub's
// runner, on this host: no Docker (`-P ubuntu-latest=-self-hosted`), no network (a do-nothing
// composite stub stands in for each pinned action, --action-offline-mode, no cache server, no version
// check). The engine of the GitHub Actions column of the semantic tests.
//
// act's deviations from GitHub that callers rely on or must know (act 0.2.89, host mode):
// - A skipped job's `needs.<job>.outputs.<name>` is the output's unevaluated text (`${{ steps.x.outcome }}`),
//   where GitHub gives ''. The generated `if:` conditions only compare outputs with 'success' or
//   'failure' and read skips from `needs.<job>.result`, which is exact on both.
// - A workflow_dispatch input that is not given gets its `default:` as written in the file, unparsed;
//   GitHub reads a string-literal expression there (`${{ '…' }}`, how orchc writes text holding `${{`)
//   as its text. So every input the caller leaves out is passed with the default as GitHub's own
//   parser (@actions/workflow-parser) reads it.
// - A skipped job leaves no line in the log: a job without a result line is `skipped`.
// - The last output lines of a step that fails fast can be lost; results never are. Assert on
//   results and on files a task writes, not on a failing step's last lines.
// - A matrix job (a for-each task) logs one result per iteration under the same job id; GitHub's
//   `needs.<job>.result` (and act's own) is `failure` when any iteration failed. So a job's result
//   here, and a step's, is the worst of its iterations'.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { parseGithubWorkflow } from "../../hardening/github-workflow-parser.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = resolve(here, "..", "..", "..");

function actVersion(): string {
  const line = readFileSync(join(here, "github-tools.versions"), "utf8")
    .split("\n")
    .map((text) => text.trim().split(/\s+/))
    .find(([name]) => name === "act");
  if (line?.[1] === undefined) throw new Error("github-tools.versions has no act line");
  return line[1];
}

export const ACT_VERSION = actVersion();
export const actDir = join(repoRoot, ".tools", `act-${ACT_VERSION}`);
const actBinary = join(actDir, "act");

/** Built and verified by scripts/provision-github-tools.sh (the stamp is written last). */
export function actAvailable(): boolean {
  return existsSync(actBinary) && existsSync(join(actDir, ".orchc-provision-stamp"));
}

/** Why act cannot run, as a line to print beside a skipped suite; null when it can. */
export function actMissingReason(): string | null {
  return actAvailable() ? null : `act ${ACT_VERSION} is not provisioned (${actDir}): run \`scripts/provision-github-tools.sh\``;
}

export type ActJobResult = "success" | "failure" | "skipped" | "cancelled";
export type ActStepResult = "success" | "failure" | "skipped";

export interface ActRun {
  /** act's exit code: 0 when every job that ran succeeded (GitHub's run conclusion `success`). */
  readonly exitCode: number;
  /** GitHub's run conclusion as act reports it. */
  readonly runStatus: "success" | "failure";
  /** Every job of the workflow, by job id; a job act did not run is `skipped`. */
  readonly jobs: Record<string, ActJobResult>;
  /** Each job's steps that ran, by step id, with their outcome (before continue-on-error). */
  readonly steps: Record<string, Record<string, ActStepResult>>;
  /** What each job's steps printed, in order (see the deviation above about a failing step's last lines). */
  readonly output: Record<string, string>;
  /** act's whole JSON log, for a failing test's message. */
  readonly log: string;
}

export interface ActRunOptions {
  /** workflow_dispatch inputs, byte for byte (they travel in the event payload, not on a command line). */
  readonly inputs?: Readonly<Record<string, string>>;
  /** The event: `workflow_dispatch` (default), `schedule` (inputs empty, as on GitHub), or `workflow_run` with `payload`. */
  readonly event?: "workflow_dispatch" | "schedule" | "workflow_run";
  /** The event's payload for a `workflow_run` (GitHub's `github.event`). */
  readonly payload?: Readonly<Record<string, unknown>>;
  /** Repository secrets (`secrets.<NAME>`), written to a secret file, not the command line. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Extra environment for act's own process (the tasks inherit the host's environment through it). */
  readonly env?: Readonly<Record<string, string>>;
  /** Files the tasks need: copied into the repository act runs in (its workspace). */
  readonly workspace?: string;
  readonly timeoutMs?: number;
}

interface LogLine {
  jobID?: string;
  stepID?: string[];
  stepResult?: string;
  jobResult?: string;
  raw_output?: boolean;
  msg?: string;
  stage?: string;
}

// One step that does nothing: act 0.2.89 fails a composite action with no steps in its post stage
// ("missing steps in composite action"), which would fail every job that sets up Python.
const STUB_ACTION = "name: orchc act stub\ndescription: stands in for a pinned action; does nothing\nruns:\n  using: composite\n  steps:\n    - run: \"true\"\n      shell: bash\n";

/** Every `uses: owner/repo@ref` of the workflow, each to be replaced by a do-nothing stub. */
function usedActions(workflow: { jobs?: Record<string, { steps?: Array<{ uses?: string }> }> }): string[] {
  const uses = new Set<string>();
  for (const job of Object.values(workflow.jobs ?? {})) for (const step of job.steps ?? []) if (typeof step.uses === "string") uses.add(step.uses);
  return [...uses].sort();
}

/** The dispatch inputs' defaults as GitHub reads them (a string-literal expression is its text). */
function parsedDefaults(contents: string): Record<string, string> {
  const parsed = parseGithubWorkflow(contents);
  if (parsed.errors.length > 0) throw new Error(`GitHub's parser refuses the workflow: ${parsed.errors.join("; ")}`);
  const on = (parsed.value as { on?: { workflow_dispatch?: { inputs?: Record<string, { default?: unknown }> } } }).on;
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(on?.workflow_dispatch?.inputs ?? {})) {
    if (input.default !== undefined && input.default !== null) defaults[name] = String(input.default);
  }
  return defaults;
}

const RESULT_RANK: Record<ActJobResult, number> = { skipped: 0, success: 1, cancelled: 2, failure: 3 };
/** The worse of two results of one job's iterations (or one step's): a failure anywhere is the job's. */
const worse = <Result extends ActJobResult>(seen: Result, next: Result): Result => (RESULT_RANK[next] > RESULT_RANK[seen] ? next : seen);

/**
 * Runs `file` on act in a fresh git repository (act reads the commit and ref from it) and returns each
 * job's result. Throws when act itself fails to run (not when a job fails).
 */
export function runWorkflowWithAct(file: string, options: ActRunOptions = {}): ActRun {
  if (!actAvailable()) throw new Error(actMissingReason()!);
  const contents = readFileSync(file, "utf8");
  const workflow = parse(contents) as { jobs?: Record<string, { steps?: Array<{ uses?: string }> }> };
  const root = mkdtempSync(join(tmpdir(), "orchc-act-"));
  try {
    const repo = join(root, "repo");
    mkdirSync(repo);
    if (options.workspace !== undefined) cpSync(options.workspace, repo, { recursive: true });
    const git = (...args: string[]) => {
      const result = spawnSync("git", args, { cwd: repo, encoding: "utf8", env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: root } });
      if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
    };
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("-c", "user.email=act@orchc.invalid", "-c", "user.name=orchc", "commit", "-q", "--allow-empty", "-m", "workspace");

    // The workflows it calls (`uses: ./.github/workflows/...`) run their steps too: their actions are stubbed alike.
    const calledFolder = join(repo, ".github", "workflows");
    const called = existsSync(calledFolder) ? readdirSync(calledFolder).map((name) => parse(readFileSync(join(calledFolder, name), "utf8")) as typeof workflow) : [];
    const localRepositories = [...new Set([workflow, ...called].flatMap(usedActions))].sort().flatMap((uses, index) => {
      const stub = join(root, "stubs", String(index));
      mkdirSync(stub, { recursive: true });
      writeFileSync(join(stub, "action.yml"), STUB_ACTION);
      return ["--local-repository", `${uses}=${stub}`];
    });
    const event = options.event ?? "workflow_dispatch";
    const inputs = event === "workflow_dispatch" ? { ...parsedDefaults(contents), ...options.inputs } : {};
    const eventFile = join(root, "event.json");
    writeFileSync(eventFile, JSON.stringify(event === "workflow_dispatch" ? { inputs } : event === "workflow_run" ? (options.payload ?? {}) : { schedule: "" }));
    const secretFile = join(root, "secrets.env");
    writeFileSync(secretFile, Object.entries(options.secrets ?? {}).map(([name, value]) => `${name}=${JSON.stringify(value)}\n`).join(""));
    const empty = join(root, "empty.env");
    writeFileSync(empty, "");

    const args = [
      event,
      "-W", resolve(file),
      "-P", "ubuntu-latest=-self-hosted",
      "--action-offline-mode",
      "--no-cache-server",
      "--action-cache-path", join(root, "action-cache"),
      "-e", eventFile,
      "--secret-file", secretFile,
      "--env-file", empty,
      "--var-file", empty,
      "--input-file", empty,
      "--json",
      ...localRepositories,
    ];
    const result = spawnSync(actBinary, args, {
      cwd: repo,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: root,
        XDG_CACHE_HOME: join(root, "cache"),
        ACT_DISABLE_VERSION_CHECK: "1",
        ...options.env,
      },
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    if (result.error !== undefined) throw new Error(`act did not run: ${result.error.message}`);
    const log = result.stdout;
    const jobs: Record<string, ActJobResult> = Object.fromEntries(Object.keys(workflow.jobs ?? {}).map((id) => [id, "skipped" as ActJobResult]));
    const steps: Record<string, Record<string, ActStepResult>> = {};
    const output: Record<string, string> = {};
    const seenJobs = new Set<string>();
    for (const line of log.split("\n")) {
      if (!line.startsWith("{")) continue;
      let entry: LogLine;
      try {
        entry = JSON.parse(line) as LogLine;
      } catch {
        continue;
      }
      const job = entry.jobID;
      if (job === undefined) continue;
      if (entry.jobResult !== undefined) jobs[job] = worse(seenJobs.has(job) ? jobs[job]! : "skipped", entry.jobResult as ActJobResult);
      if (entry.jobResult !== undefined) seenJobs.add(job);
      const step = entry.stepID?.[0];
      if (step !== undefined && entry.stepResult !== undefined && entry.stage !== "Post" && entry.stage !== "Pre") {
        const jobSteps = (steps[job] ??= {});
        jobSteps[step] = worse(jobSteps[step] ?? "skipped", entry.stepResult as ActStepResult);
      }
      if (entry.raw_output === true && entry.msg !== undefined) output[job] = (output[job] ?? "") + entry.msg;
    }
    // act exits 1 when a job failed, and also when it could not run the workflow at all.
    if (result.status !== 0 && !Object.values(jobs).includes("failure")) {
      throw new Error(`act failed without a failed job (status ${result.status})\n--- stderr ---\n${result.stderr}\n--- log ---\n${log}`);
    }
    return { exitCode: result.status ?? -1, runStatus: result.status === 0 ? "success" : "failure", jobs, steps, output, log };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** orchc's task states; `interrupted` is a task a run's end (here its emulated pipeline timeout) left unstarted, as the local runner records it. */
export type OrchcTaskState = "success" | "failed" | "skipped" | "upstream_failed" | "interrupted";
export type OrchcRunStatus = "SUCCESS" | "PARTIAL" | "FAILED";

/**
 * A run of an orchc-generated workflow in orchc's terms (docs/github-actions.md, "Task states"): a
 * job per task (job id = task id); the step `upstream_failed` ran ⇒ upstream_failed; the step `task`
 * failed ⇒ failed (for an optional task too, whose job succeeds); the step `deadline` (an emulated
 * pipeline timeout) failed ⇒ interrupted, never started; a job that did not run ⇒ skipped.
 * Run status: FAILED when GitHub's conclusion is failure (a non-optional task failed or was
 * upstream_failed), PARTIAL when it is success but a task failed (only optional ones can), else SUCCESS.
 */
export function orchcRunOf(run: ActRun): { states: Record<string, OrchcTaskState>; runStatus: OrchcRunStatus } {
  const states: Record<string, OrchcTaskState> = {};
  for (const [job, result] of Object.entries(run.jobs)) {
    const steps = run.steps[job] ?? {};
    if (result === "skipped" || result === "cancelled") states[job] = "skipped";
    else if (steps.upstream_failed === "failure") states[job] = "upstream_failed";
    else if (steps.deadline === "failure") states[job] = "interrupted";
    else if (result === "failure" || steps.task === "failure") states[job] = "failed";
    else states[job] = "success";
  }
  const anyFailed = Object.values(states).some((state) => state === "failed" || state === "upstream_failed");
  return { states, runStatus: run.runStatus === "failure" ? "FAILED" : anyFailed ? "PARTIAL" : "SUCCESS" };
}

/** Builds and runs in one call: `runOrchcWorkflowWithAct(file)` = `orchcRunOf(runWorkflowWithAct(file))`. */
export function runOrchcWorkflowWithAct(file: string, options: ActRunOptions = {}) {
  const run = runWorkflowWithAct(file, options);
  return { ...orchcRunOf(run), run };
}
