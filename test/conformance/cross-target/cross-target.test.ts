// One meaning on every target (docs/semantics.md), judged by the engines themselves: the same
// pipelines (semantic-cases.ts) run on `orchc run`, on the standalone runner file, on real Airflow
// (dag.test()) and on act (a GitHub Actions engine), and every task's state and the run's status,
// read in orchc's terms, must be what semantics-model.ts says. Where an engine still disagrees, the
// disagreement is listed in KNOWN below and the test asserts that list exactly, so a fix shows as a
// failure that asks for the entry to be removed. Databricks has no engine here: its column is
// test/unit/targets/databricks-run-status.test.ts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../../packages/compiler/src/index.js";
import { databricksTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../../unit/compiler/lower-helpers.js";
import { bundleSchemaFile, validateAgainstSchema } from "../databricks/databricks-cli.js";
import { airflowMissingReason, airflowPython, hermeticAirflowEnv, runDagTest, type DagTestResult } from "../airflow/airflow-env.js";
import { combined, databricksSpec, NAMED_CASES, pipelineSource, TRUTH_TABLE, type SemanticCase } from "./semantic-cases.js";
import { TRIGGER_RULE_CASES } from "../../semantics/trigger-rule-table.js";
import { expectedRun, type RunStatus, type TaskState } from "./semantics-model.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const cliBin = join(repoRoot, "packages", "cli", "bin", "orchc.js");

const isOptionalCell = (entry: SemanticCase) => entry.id.endsWith("_o");
/** The truth table in one pipeline, but for the cells after a failed optional task: some targets refuse some of those, so each is its own. */
const CASES: ReadonlyArray<SemanticCase> = [...NAMED_CASES, combined("truth_table", TRUTH_TABLE.filter((entry) => !isOptionalCell(entry))), ...TRUTH_TABLE.filter(isOptionalCell)];

type Engine = "local" | "standalone" | "airflow" | "act";
type Target = "local" | "airflow" | "github-actions";
const TARGET_OF: Record<Engine, Target> = { local: "local", standalone: "local", airflow: "airflow", act: "github-actions" };

/** A run in orchc's terms; a task the engine reported nothing for is `not_reported`. */
interface Observed {
  readonly states: Record<string, TaskState | "not_reported">;
  readonly status: RunStatus;
}

/** Disagreements still open, as `<case> <task>: <got> (expected <want>)` or `<case> run: …`. */
const KNOWN: Readonly<Record<Engine, ReadonlyArray<string>>> = {
  local: [],
  standalone: [],
  airflow: [],
  act: [],
};

/** Cases a target refuses to build, with the codes it gives: a refusal names the way out, and the case is not run there. */
const REFUSED: Readonly<Record<Target, Readonly<Record<string, string>>>> = {
  local: {},
  airflow: {},
  "github-actions": {},
};

let project: string;
/** What each target said for each case: null when built. */
const refusals: Record<Target, Record<string, string>> = { local: {}, airflow: {}, "github-actions": {} };
const outOf = (entry: SemanticCase) => join(project, "out", entry.id);

function cli(args: ReadonlyArray<string>, cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.GITHUB_ACTIONS;
  return spawnSync(process.execPath, [cliBin, ...args], { cwd, env, encoding: "utf8", timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
}

beforeAll(() => {
  // Inside the repo, so `import … from "orchc"` resolves through its node_modules.
  const parent = join(repoRoot, ".cache", "cross-target");
  mkdirSync(parent, { recursive: true });
  project = mkdtempSync(join(parent, "run-"));
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
  mkdirSync(join(project, "cases"));
  for (const entry of CASES) {
    writeFileSync(join(project, "cases", `${entry.id}.ts`), pipelineSource([entry]));
    for (const target of Object.keys(refusals) as Target[]) {
      const built = cli(["build", "-t", target, "--out", outOf(entry), `cases/${entry.id}.ts`], project);
      if (built.status === 0) continue;
      const codes = [...new Set([...built.stderr.matchAll(/error (ORC\d+)/g)].map((match) => match[1]))];
      if (codes.length === 0) throw new Error(`orchc build -t ${target} cases/${entry.id}.ts failed:\n${built.stdout}${built.stderr}`);
      refusals[target][entry.id] = codes.join(",");
    }
  }
}, 600_000);

afterAll(() => {
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
});

/** `orchc run --json` and the standalone file print the same journal records. */
function fromJournal(entry: SemanticCase, stdout: string, exitCode: number | null): Observed {
  const states: Record<string, TaskState | "not_reported"> = Object.fromEntries(entry.tasks.map((task) => [task.id, "not_reported"]));
  let finished: string | null = null;
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const record = JSON.parse(line) as { type: string; task?: string; status?: string };
    if (record.type === "task_finished" && record.task! in states) states[record.task!] = record.status as TaskState;
    if (record.type === "run_finished") finished = record.status!;
  }
  const byExit: Record<number, RunStatus> = { 0: "SUCCESS", 1: "PARTIAL", 2: "FAILED" };
  const status = byExit[exitCode ?? -1];
  if (status === undefined || finished?.toUpperCase() !== status) throw new Error(`${entry.id}: exit ${exitCode}, run_finished ${finished}\n${stdout}`);
  return { states, status };
}

const engines: Record<Engine, { readonly missing: () => string | null; readonly run: (entry: SemanticCase) => Promise<Observed> }> = {
  local: {
    missing: () => null,
    run: async (entry) => {
      const result = cli(["run", `cases/${entry.id}.ts`, "--json", "--parallel", "2", "--store", join(project, "store-local")], project);
      return fromJournal(entry, result.stdout, result.status);
    },
  },
  standalone: {
    missing: () => null,
    run: async (entry) => {
      const result = spawnSync(process.execPath, [join(outOf(entry), "local", `${entry.id}.mjs`), "--json", "--parallel", "2", "--store", join(project, "store-standalone")], {
        cwd: project,
        encoding: "utf8",
        timeout: 240_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      return fromJournal(entry, result.stdout, result.status);
    },
  },
  airflow: {
    missing: () => (airflowPython(3) === null ? airflowMissingReason(3) : null),
    run: async (entry) => fromAirflow(entry, await runDagTest(join(outOf(entry), "dags", `${entry.id}.py`), entry.id, 3, undefined, { airflowEnv: airflowHome(), timeoutMs: 600_000 })),
  },
  act: {
    missing: () => actModule.reason,
    run: async (entry) => {
      const { states, runStatus } = actModule.run!(join(outOf(entry), ".github", "workflows", `${entry.id}.yml`), { timeoutMs: 600_000 });
      return { states: Object.fromEntries(entry.tasks.map((task) => [task.id, states[task.id] ?? "not_reported"])), status: runStatus };
    },
  },
};

let sharedAirflowHome: ReturnType<typeof hermeticAirflowEnv> | undefined;
function airflowHome() {
  sharedAirflowHome ??= hermeticAirflowEnv();
  return sharedAirflowHome;
}
afterAll(() => sharedAirflowHome?.cleanup());

/** Airflow's task states are orchc's; the DAG run is success or failed, and success with a failed optional task is PARTIAL. */
function fromAirflow(entry: SemanticCase, result: DagTestResult): Observed {
  const states: Record<string, TaskState | "not_reported"> = {};
  for (const task of entry.tasks) states[task.id] = (result.tasks[task.id]?.state as TaskState | null | undefined) ?? "not_reported";
  const optionalFailed = entry.tasks.some((task) => task.optional && states[task.id] === "failed");
  const status: RunStatus = result.state === "failed" ? "FAILED" : result.state === "success" ? (optionalFailed ? "PARTIAL" : "SUCCESS") : (`airflow:${result.state}` as RunStatus);
  return { states, status };
}

/** act.ts (the GitHub Actions engine), when it is there and provisioned. */
const actModule: { reason: string | null; run: ((file: string, options: { timeoutMs: number }) => { states: Record<string, TaskState>; runStatus: RunStatus }) | null } = {
  reason: "not loaded yet",
  run: null,
};
beforeAll(async () => {
  const path = join(repoRoot, "test", "conformance", "github-actions", "act.ts");
  if (!existsSync(path)) {
    actModule.reason = "test/conformance/github-actions/act.ts does not exist";
    return;
  }
  const act = (await import("../github-actions/act.js")) as { actMissingReason(): string | null; runOrchcWorkflowWithAct?: typeof actModule.run };
  actModule.reason = act.actMissingReason() ?? (act.runOrchcWorkflowWithAct === undefined ? "act.ts exports no runOrchcWorkflowWithAct" : null);
  actModule.run = act.runOrchcWorkflowWithAct ?? null;
});

function disagreements(entry: SemanticCase, observed: Observed): string[] {
  const expected = expectedRun(entry.tasks);
  const found = entry.tasks.filter((task) => observed.states[task.id] !== expected.states[task.id]).map((task) => `${entry.id} ${task.id}: ${observed.states[task.id]} (expected ${expected.states[task.id]})`);
  if (entry.id !== "truth_table" && observed.status !== expected.status) found.push(`${entry.id} run: ${observed.status} (expected ${expected.status})`);
  return found;
}

describe("every engine gives each task orchc's state and each run orchc's status", () => {
  it("the model itself: the cases issue 15 names end as it says", () => {
    const status = Object.fromEntries(NAMED_CASES.map((entry) => [entry.id, expectedRun(entry.tasks).status]));
    expect(status).toEqual({
      all_succeed: "SUCCESS",
      cleanup_after_failure: "FAILED",
      alert_after_upstream_failed: "FAILED",
      none_failed_after_upstream_failed: "FAILED",
      all_success_after_all_done: "FAILED",
      optional_fails: "PARTIAL",
      optional_times_out: "PARTIAL",
      optional_after_failure: "FAILED",
      failure_after_optional: "FAILED",
    });
    const states = (id: string) => expectedRun(NAMED_CASES.find((entry) => entry.id === id)!.tasks).states;
    expect(states("alert_after_upstream_failed")).toEqual({ extract: "failed", load: "upstream_failed", alert: "success" });
    expect(states("none_failed_after_upstream_failed")).toEqual({ a: "failed", b: "upstream_failed", c: "upstream_failed" });
    expect(states("all_success_after_all_done")).toEqual({ a: "failed", b: "success", d: "success" });
  });

  it("the model gives every state and status of the hand-written trigger-rule table (test/semantics/trigger-rule-table.ts)", () => {
    for (const entry of TRIGGER_RULE_CASES) {
      const tasks = entry.tasks.map((task) => ({ ...task, fails: task.exitCode === 1 }));
      expect({ case: entry.name, ...expectedRun(tasks) }).toEqual({ case: entry.name, states: entry.expected.states, status: entry.expected.status });
    }
  });

  it("each target refuses only the cases it is known to refuse", () => {
    expect(refusals).toEqual(REFUSED);
  });

  it("databricks (no engine reachable): every case's bundle, orchc's condition tasks included, passes the bundle JSON Schema", () => {
    if (bundleSchemaFile() === null) {
      console.warn("cross-target: the Databricks schema check is not run: no bundle JSON Schema (see test/conformance/databricks/databricks-cli.ts)");
      return;
    }
    for (const entry of [...NAMED_CASES, ...TRUTH_TABLE]) {
      const result = compile({ loaded: loaded(databricksSpec(entry)), target: databricksTarget, environment: null, options: {}, orchcVersion: "test" });
      expect(result.diagnostics).toEqual([]);
      const directory = join(project, "databricks", entry.id);
      for (const file of result.files) {
        mkdirSync(dirname(join(directory, file.path)), { recursive: true });
        writeFileSync(join(directory, file.path), file.contents);
      }
      expect({ case: entry.id, problems: validateAgainstSchema(directory) }).toEqual({ case: entry.id, problems: [] });
    }
  });

  it.each(Object.keys(engines) as Engine[])("%s", async (engine) => {
    const reason = engines[engine].missing();
    if (reason !== null) {
      console.warn(`cross-target: the ${engine} column is not run: ${reason}`);
      return;
    }
    const found: string[] = [];
    const target = TARGET_OF[engine];
    for (const entry of CASES) if (refusals[target][entry.id] === undefined) found.push(...disagreements(entry, await engines[engine].run(entry)));
    if (found.length > 0) console.warn(`cross-target: ${engine} disagrees with orchc's semantics on ${found.length} cells:\n  ${found.join("\n  ")}`);
    expect(found).toEqual(KNOWN[engine]);
  }, 1_800_000);
});
