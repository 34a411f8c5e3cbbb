import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import * as os from "node:os";
import { dirname, relative, resolve } from "node:path";
import type { ParamValue, PlanEnvironment, RunPlan } from "../plan.js";
import { COLOR, PLAIN } from "../report/format.js";
import { JsonReporter } from "../report/json-reporter.js";
import { LineReporter } from "../report/line-reporter.js";
import { LiveReporter } from "../report/live-reporter.js";
import { BufferedSink, type Reporter, type TextSink } from "../report/reporter.js";
import { EXIT_CODES, type RunStatus } from "../store/run-events.js";
import { childrenOf, signalGroup } from "../exec/process-groups.js";
import { acquireRunLock, isAlive } from "../store/run-lock.js";
import type { RunRecord } from "../store/run-record.js";
import { RunStore, type Journal } from "../store/run-store.js";
import { planWaves } from "./plan-waves.js";
import { readDurations, recordDurations } from "./recent-durations.js";
import { chooseEnvironment, parseParamArguments, resolveParams } from "./resolve-params.js";
import { RunInputError } from "./run-input-error.js";
import { RunSession, type EarlierIterations } from "./run-session.js";
import { selectTasks } from "./select-tasks.js";
import { longestRemainingPath } from "./task-priorities.js";

export interface RunOptions {
  /** Where tasks run and relative paths start. */
  readonly cwd: string;
  /** The run store folder (absolute). */
  readonly store: string;
  readonly parallel: number | null;
  /** `--parallel` as typed, for the error message when it is not a number. */
  readonly parallelText?: string;
  /** `name=value` pairs. */
  readonly params: ReadonlyArray<string>;
  readonly environment: string | null;
  /** false: a new run; true: the latest unfinished run of this pipeline; a string: that run. */
  readonly resume: boolean | string;
  readonly from: string | null;
  readonly only: ReadonlyArray<string>;
  readonly dryRun: boolean;
  readonly json: boolean;
  /** Where to write the HTML report, or null. */
  readonly report: string | null;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: TextSink & { readonly isTTY?: boolean };
  /** How users start this runner, for the resume hint (`orchc run pipeline.ts`, `node local/x.mjs`). */
  readonly command: string;
  /** Seconds a task gets between SIGTERM and SIGKILL (default: ORCHC_KILL_GRACE_SECONDS, else 5). */
  readonly killGraceSeconds?: number;
}

const planHash = (plan: RunPlan): string => createHash("sha256").update(JSON.stringify(plan)).digest("hex").slice(0, 16);

interface Prepared {
  readonly runId: string | null;
  readonly record: RunRecord | null;
  readonly params: Record<string, ParamValue>;
  readonly selected: Set<string>;
  readonly environment: PlanEnvironment | null;
  readonly notes: string[];
}

/** The newest run of the pipeline that did not succeed; each journal is replayed once. */
function latestUnfinished(store: RunStore, pipelineId: string): RunRecord | null {
  for (const id of store.runIds(pipelineId)) {
    const record = store.read(id);
    if (record && record.status !== "success") return record;
  }
  return null;
}

function prepareResume(plan: RunPlan, store: RunStore, options: RunOptions): Prepared {
  if (options.params.length > 0 || options.from !== null || options.only.length > 0) {
    throw new RunInputError("--resume continues a run with its own params and tasks", "leave out --param, --from and --only");
  }
  const record = typeof options.resume === "string" ? store.read(options.resume) : latestUnfinished(store, plan.pipeline.id);
  if (typeof options.resume !== "string" && record === null) throw new RunInputError(`pipeline \`${plan.pipeline.id}\` has no run to resume in ${options.store}`, "every run so far succeeded, or none was started here", "resume");
  if (!record) throw new RunInputError(`no run \`${options.resume}\` in ${options.store}`, "`runs list` shows the runs", "resume");
  const runId = record.runId;
  if (record.pipeline.id !== plan.pipeline.id) throw new RunInputError(`run \`${runId}\` is of pipeline \`${record.pipeline.id}\`, not \`${plan.pipeline.id}\``, null, "resume");
  if (record.status === "success") throw new RunInputError(`run \`${runId}\` succeeded; there is nothing to resume`, null, "resume");
  if (record.status === null && record.pid !== process.pid && isAlive(record.pid)) throw new RunInputError(`run \`${runId}\` is still running (pid ${record.pid})`, null, "busy");
  const selected = new Set([...record.tasks.values()].filter((task) => task.status !== "success" && plan.tasks.some((planned) => planned.id === task.id)).map((task) => task.id));
  const notes = [`resuming ${runId}: ${[...record.tasks.values()].filter((task) => task.status === "success").length} task(s) already succeeded and are kept`];
  for (const task of record.tasks.values()) {
    const succeeded = task.iterations.filter((iteration) => iteration.status === "success").length;
    if (selected.has(task.id) && succeeded > 0) notes.push(`${succeeded} of ${task.iterations.length} iterations of \`${task.id}\` already succeeded and are kept when its list holds the same item at the same place`);
  }
  if (record.planHash !== planHash(plan)) notes.push("the pipeline changed since this run started; succeeded tasks are kept, the rest run as the pipeline is now");
  const environment = record.environment === null ? null : (plan.environments.find((candidate) => candidate.name === record.environment) ?? null);
  return { runId, record, params: { ...record.params }, selected, environment, notes };
}

/** Secrets every selected task needs must be set, checked before anything runs; values are never shown. */
function checkSecrets(plan: RunPlan, selected: ReadonlySet<string>, env: NodeJS.ProcessEnv): void {
  const needed = new Set(plan.tasks.filter((task) => selected.has(task.id)).flatMap((task) => task.secrets));
  const missing = plan.secrets.filter((secret) => needed.has(secret.name) && env[secret.env] === undefined);
  if (missing.length > 0) {
    const list = missing.map((secret) => `\`${secret.name}\` (environment variable ${secret.env})`).join(", ");
    throw new RunInputError(`missing secret${missing.length === 1 ? "" : "s"}: ${list}`, `set ${missing.map((secret) => secret.env).join(", ")} in the environment before running`, "secret", ["secrets", missing[0]!.name]);
  }
}

/**
 * The values to mask: every secret of the pipeline that is set, whichever tasks run. A task left
 * out by --only can still print another's value (a file it reads, a tool that dumps its settings).
 */
function secretValues(plan: RunPlan, env: NodeJS.ProcessEnv): string[] {
  return plan.secrets.map((secret) => env[secret.env] ?? "").filter((value) => value !== "");
}

/**
 * A runner killed with SIGKILL leaves its tasks running: each in the process group of a child of
 * its slot's shell, which lives on until the task ends. Before a resume starts them again, the
 * ones still alive are stopped; on Linux the shell is first confirmed to belong to this run (its
 * environment names the run id), so a recycled pid is never signalled.
 */
function stopLeftovers(record: RunRecord, journal: Journal): void {
  for (const task of record.tasks.values()) {
    for (const attempt of task.attempts) {
      if (attempt.endedAt !== null) continue;
      if (belongsToRun(attempt.pid, record.runId)) {
        for (const child of childrenOf(attempt.pid)) signalGroup(child, "SIGKILL");
        signalGroup(attempt.pid, "SIGKILL");
      }
      const at = Date.now();
      journal.append({ type: "attempt_finished", at, task: task.id, attempt: attempt.attempt, outcome: "interrupted", exitCode: null, durationMs: at - attempt.startedAt, ...(attempt.iteration !== null && { iteration: attempt.iteration }) });
    }
  }
}

/** What earlier sessions did with each for-each task's iterations: attempts made per index, and the items that succeeded. */
function earlierIterationsOf(record: RunRecord | null): Map<string, EarlierIterations> {
  const earlier = new Map<string, EarlierIterations>();
  for (const task of record?.tasks.values() ?? []) {
    const attempts = new Map<number, number>();
    for (const attempt of task.attempts) if (attempt.iteration !== null) attempts.set(attempt.iteration, Math.max(attempts.get(attempt.iteration) ?? 0, attempt.attempt));
    const succeeded = new Map(task.iterations.filter((iteration) => iteration.status === "success").map((iteration) => [iteration.index, iteration.item] as const));
    if (attempts.size > 0 || succeeded.size > 0) earlier.set(task.id, { attempts, succeeded });
  }
  return earlier;
}

function belongsToRun(pid: number, runId: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(`ORCHC_RUN_ID=${runId}`);
  } catch {
    return false;
  }
}

/** A reader that goes away (`| head`) must not stop the run: what it would have read is dropped. */
function outputThatMayClose(stdout: RunOptions["stdout"]): TextSink {
  let closed = false;
  const stream = stdout as Partial<NodeJS.WritableStream>;
  stream.on?.("error", () => {
    closed = true;
  });
  return {
    write: (text: string) => {
      if (!closed) stdout.write(text);
    },
  };
}

function killGraceFrom(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.ORCHC_KILL_GRACE_SECONDS);
  return env.ORCHC_KILL_GRACE_SECONDS !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : 5;
}

function reporterFor(options: RunOptions, sink: TextSink): Reporter {
  if (options.json) return new JsonReporter(sink);
  const color = options.stdout.isTTY === true && options.env.NO_COLOR === undefined;
  if (options.stdout.isTTY && options.env.CI === undefined) return new LiveReporter(sink, color ? COLOR : PLAIN);
  return new LineReporter(sink, color ? COLOR : PLAIN);
}

function printDryRun(plan: RunPlan, prepared: Prepared, parallel: number, options: RunOptions): number {
  const waves = planWaves(plan, prepared.selected);
  if (options.json) {
    options.stdout.write(`${JSON.stringify({ type: "dry_run", pipeline: plan.pipeline.id, parallel, params: prepared.params, waves, inert: plan.inert })}\n`);
    return 0;
  }
  const lines = [`${plan.pipeline.id}: ${prepared.selected.size} task(s) in ${waves.length} wave(s), parallel ${parallel}`];
  const params = Object.entries(prepared.params);
  if (params.length > 0) lines.push(`  params: ${params.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(", ")}`);
  waves.forEach((wave, index) => lines.push(`  wave ${index + 1}: ${wave.join(", ")}`));
  for (const note of prepared.notes) lines.push(`  note: ${note}`);
  for (const line of plan.inert) lines.push(`  parity: ${line}`);
  options.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

/** Runs a plan on this machine. Returns the exit code: 0 success, 1 partial, 2 failed, 130 interrupted. Throws RunInputError before anything runs. */
export async function runPlan(plan: RunPlan, options: RunOptions): Promise<number> {
  const store = new RunStore(options.store);
  const prepared: Prepared = options.resume !== false ? prepareResume(plan, store, options) : prepareNew(plan, options);
  // A dry run starts nothing, so a missing secret is said, not refused.
  const secrets = secretValues(plan, options.env);
  try {
    checkSecrets(plan, prepared.selected, options.env);
  } catch (failure) {
    if (!options.dryRun || !(failure instanceof RunInputError)) throw failure;
    prepared.notes.push(`${failure.message}; a real run stops here`);
  }
  // availableParallelism arrived in Node 18.14; the runner file promises Node 18.
  const parallel = options.parallel ?? plan.parallel ?? (os.availableParallelism?.() ?? os.cpus().length);
  if (!Number.isInteger(parallel) || parallel < 1) throw new RunInputError(`--parallel must be a whole number of at least 1; got ${JSON.stringify(options.parallelText ?? String(parallel))}`);
  if (options.dryRun) return printDryRun(plan, prepared, parallel, options);

  if (options.report !== null) {
    try {
      mkdirSync(dirname(options.report), { recursive: true });
    } catch (failure) {
      throw new RunInputError(`cannot write the report to ${options.report}: ${(failure as Error).message}`);
    }
  }
  let release = () => {};
  let nameRun = (_runId: string) => {};
  if (plan.maxConcurrentRuns !== null) {
    const lock = acquireRunLock(options.store, plan.pipeline.id, plan.maxConcurrentRuns, prepared.runId ?? "(starting)");
    if (!lock.acquired) {
      const holders = lock.holders.map((holder) => `${holder.runId} (pid ${holder.pid})`).join(", ");
      throw new RunInputError(`pipeline \`${plan.pipeline.id}\` allows ${plan.maxConcurrentRuns} run(s) at a time (maxConcurrentRuns) and ${holders} ${lock.holders.length === 1 ? "is" : "are"} running`, "wait for it to finish, or stop it", "busy", ["maxConcurrentRuns"]);
    }
    release = lock.release;
    nameRun = lock.name;
  }
  try {
    return await execute(plan, options, store, prepared, secrets, parallel, nameRun);
  } finally {
    release();
  }
}

function prepareNew(plan: RunPlan, options: RunOptions): Prepared {
  const environment = chooseEnvironment(plan, options.environment);
  const params = resolveParams(plan, environment, parseParamArguments(options.params));
  const selected = selectTasks(plan, { from: options.from, only: options.only });
  return { runId: null, record: null, params, selected, environment, notes: [] };
}

async function execute(plan: RunPlan, options: RunOptions, store: RunStore, prepared: Prepared, secrets: string[], parallel: number, nameRun: (runId: string) => void): Promise<number> {
  const weights = readDurations(options.store, plan.pipeline.id);
  const runId = prepared.runId ?? store.createRun(plan.pipeline.id, Date.now());
  nameRun(runId);
  const runDir = store.runDir(runId);
  const journal = store.openJournal(runId, prepared.record);
  if (prepared.record) stopLeftovers(prepared.record, journal);
  const sink = new BufferedSink(outputThatMayClose(options.stdout));
  const reporter = reporterFor(options, sink);
  const shownDir = relative(options.cwd, runDir) || ".";
  const session = (prepared.record?.sessions ?? 0) + 1;
  const selectedInOrder = plan.tasks.filter((task) => prepared.selected.has(task.id)).map((task) => task.id);
  const previousAttempts = new Map([...(prepared.record?.tasks.values() ?? [])].map((task) => [task.id, task.attempts.length]));
  // Read before this session's run_started clears what it will run again.
  const earlierIterations = earlierIterationsOf(prepared.record);
  reporter.header({
    runId,
    plan,
    parallel,
    selected: selectedInOrder,
    params: prepared.params,
    environment: prepared.environment?.name ?? null,
    session,
    previousAttempts,
    previousIterationAttempts: earlierIterations,
    runDir: shownDir,
    notes: prepared.notes,
  });
  const started = {
    type: "run_started",
    at: Date.now(),
    runId,
    pipeline: { id: plan.pipeline.id, name: plan.pipeline.name },
    planHash: planHash(plan),
    environment: prepared.environment?.name ?? null,
    params: prepared.params,
    parallel,
    tasks: selectedInOrder,
    optional: plan.tasks.filter((task) => task.optional && prepared.selected.has(task.id)).map((task) => task.id),
    session,
    pid: process.pid,
  } as const;
  journal.append(started);
  reporter.event(started);

  const runSession = new RunSession({
    plan,
    runId,
    runDir,
    cwd: options.cwd,
    env: options.env,
    journal,
    reporter,
    parallel,
    selected: prepared.selected,
    previousAttempts,
    priorities: longestRemainingPath(plan.tasks, prepared.selected, weights),
    // A resumed run keeps the date it started on: its tasks work for that day, as a retried run's do elsewhere.
    outputs: new Map([...(prepared.record?.tasks.values() ?? [])].flatMap((task) => (task.status === "success" && task.outputs !== null ? [[task.id, task.outputs] as const] : []))),
    earlierIterations,
    script: { runId, outputsDir: resolve(runDir, "outputs"), runDate: new Date(prepared.record?.startedAt ?? started.at).toISOString().slice(0, 10), params: prepared.params, secretEnv: new Map(plan.secrets.map((secret) => [secret.name, secret.env])) },
    secretValues: secrets,
    timeoutSeconds: prepared.environment?.timeoutSeconds ?? plan.timeoutSeconds,
    killGraceMs: (options.killGraceSeconds ?? killGraceFrom(options.env)) * 1000,
  });
  const onSignal = (signal: NodeJS.Signals) => runSession.stop({ status: "interrupted", reason: `stopped by ${signal}`, attemptOutcome: "interrupted", taskStatus: "interrupted" });
  // SIGHUP: the terminal or SSH session went away; the tasks must not outlive the record of them.
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, onSignal);
  let status: RunStatus;
  try {
    const result = await runSession.run();
    status = result.status;
    const finished = { type: "run_finished", at: Date.now(), status, exitCode: EXIT_CODES[status], reason: result.reason } as const;
    journal.append(finished);
    reporter.event(finished);
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
    journal.close();
  }
  const record = journal.record!;
  recordDurations(options.store, record, weights);
  reporter.summary({ record, plan, runDir: shownDir, resumeCommand: `${options.command} --resume ${runId}` });
  reporter.close();
  sink.flush();
  if (options.report !== null) {
    try {
      (await import("../report/write-run-report.js")).writeRunReport(record, options.report, plan.tasks.map((task) => task.id));
    } catch (failure) {
      // The run happened; a report that cannot be written does not change its exit code.
      process.stderr.write(`could not write the report ${options.report}: ${(failure as Error).message}\n`);
    }
  }
  return EXIT_CODES[status];
}
