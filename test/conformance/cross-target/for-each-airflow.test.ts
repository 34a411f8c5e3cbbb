// For-each tasks on Airflow, judged by real Airflow 3.3 and 2.10 (dag.test()): the shared fixture
// (for-each-pipeline.ts) built with the CLI, run once per major. The metadata DB says how each task
// ended and how many mapped task instances it had (one per item: `fan[0]`…); the files the
// attempts left say which items ran, how often, and byte for byte. A second run gives the param a
// value that is no JSON array of strings, and a third DAG an output that is none: the items step
// succeeds, and the task fails in its one iteration before any command, not retried, its
// dependents following their rules (docs/semantics.md). A Databricks task per item cannot run
// here: its instances' fields are rendered as Airflow renders them.
import { execFile, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { airflowMissingReason, airflowPython, hermeticAirflowEnv, runDagTest, type AirflowMajor, type DagTestResult } from "../airflow/airflow-env.js";
import { attemptsIn, EXPECTED_ATTEMPTS, FAN_ITEMS, HOSTILE_ITEM, FOR_EACH_STATES, forEachPipelineSource, writeForEachInputs } from "./for-each-pipeline.js";
import { scratchProject, type ScratchProject } from "./scratch-project.js";

let scratch: ScratchProject;

beforeAll(() => {
  scratch = scratchProject("for-each-airflow", {});
  const inputs = join(scratch.dir, "inputs");
  writeForEachInputs(inputs);
  writeFileSync(join(scratch.dir, "pipeline.ts"), forEachPipelineSource(inputs));
  scratch.build("airflow", "pipeline.ts", "airflow");
  scratch.build("airflow", "pipeline.ts", "airflow2", ["--set", "airflow.airflowVersion=2"]);
  writeFileSync(join(scratch.dir, "databricks.ts"), databricksSource);
  scratch.build("airflow", "databricks.ts", "databricks");
  scratch.build("airflow", "databricks.ts", "databricks2", ["--set", "airflow.airflowVersion=2"]);
  writeFileSync(join(scratch.dir, "bad-list.ts"), badListSource);
  scratch.build("airflow", "bad-list.ts", "bad-list");
  scratch.build("airflow", "bad-list.ts", "bad-list2", ["--set", "airflow.airflowVersion=2"]);
}, 300_000);

/** An output that is a JSON array, but not of strings, feeding a task with retries and two dependents. */
const badListSource = `import { item, params, pipeline, sh } from "orchc";
const p = params({ out: { type: "string", default: "/tmp/orchc-for-each" } });
const flow = pipeline("for_each_bad_list", { params: p });
const list = flow.task("list", sh\`printf '%s' '["a", 1]' > "$ORCHC_OUTPUTS/parts"\`).outputs({ parts: "list" });
const fan = flow.task("fan", sh\`mkdir -p \${p.out} && touch \${p.out}/fan_ran && echo \${item}\`).forEach(list.output.parts).retries(2);
flow.task("after_fan", sh\`mkdir -p \${p.out} && touch \${p.out}/after_fan\`).after(fan);
flow.task("after_all", sh\`mkdir -p \${p.out} && touch \${p.out}/after_all\`).after(fan).runIf("allDone");
export default flow;
`;

/**
 * runDagTest, keeping the log too: what a task failed with is only there. run-dag-test.py prints
 * the JSON on stdout and Airflow's and the tasks' logs on stderr, and exits 0 whatever the run's state.
 */
async function runDagTestWithLog(file: string, dagId: string, major: AirflowMajor, conf: Record<string, unknown>): Promise<{ result: DagTestResult; log: string }> {
  const home = hermeticAirflowEnv();
  try {
    const script = join(dirname(fileURLToPath(import.meta.url)), "..", "airflow", "run-dag-test.py");
    // vitest sets DEV, with which Airflow 3 logs rich tracebacks that wrap the message across lines.
    const env = { ...home.env };
    delete env.DEV;
    const { stdout, stderr } = await promisify(execFile)(airflowPython(major)!, [script, file, dagId, "--conf", JSON.stringify(conf)], { env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: 600_000 });
    return { result: JSON.parse(stdout) as DagTestResult, log: stderr };
  } finally {
    home.cleanup();
  }
}

/** The line Airflow logs for a task instance that raised AirflowFailException, on either major. */
const failedWith = (major: AirflowMajor, message: string): string => `${major === 3 ? "airflow.sdk.exceptions" : "airflow.exceptions"}.AirflowFailException: ${message}\n`;

const DATABRICKS_ITEMS = [HOSTILE_ITEM, "ends in a newline\n", "{% raw %}{{"];
const databricksSource = `import { item, notebook, pipeline, serverless } from "orchc";
const flow = pipeline("for_each_databricks", { compute: { jobs: serverless() }, defaultCompute: "jobs" });
flow.task("load", notebook("src/load.py", { partition: item })).forEach(${JSON.stringify(DATABRICKS_ITEMS)});
export default flow;
`;

afterAll(() => scratch?.remove());

/** How each orchc task ended: a mapped task's state is its instances' (Airflow keeps no row for the whole). */
function taskStates(result: DagTestResult): Record<string, string | null> {
  const states: Record<string, Array<string | null>> = {};
  for (const [key, task] of Object.entries(result.tasks)) (states[key.replace(/\[\d+\]$/, "")] ??= []).push(task.state);
  return Object.fromEntries(
    Object.keys(FOR_EACH_STATES).map((task) => {
      const all = states[task] ?? [null];
      // Every instance ended; the task failed when one did, as docs/semantics.md says it ends.
      return [task, all.includes("failed") ? "failed" : all.every((state) => state === "success") ? "success" : all.length === 1 ? all[0]! : all.join(",")];
    }),
  );
}

const mappedCount = (result: DagTestResult, task: string): number => Object.keys(result.tasks).filter((key) => key.startsWith(`${task}[`)).length;

const airflowMajors: ReadonlyArray<AirflowMajor> = [3, 2];
describe.each(airflowMajors)("for-each tasks on Airflow %i (dag.test())", (major) => {
  const missing = airflowPython(major) === null ? airflowMissingReason(major) : null;
  if (missing !== null) console.warn(missing);
  const dag = () => join(scratch.dir, "out", major === 3 ? "airflow" : "airflow2", "dags", "for_each.py");

  it.skipIf(missing !== null)("one mapped instance per item, retried on its own, items byte for byte; an empty list skips the task", async () => {
    const out = scratch.freshOut(`airflow${major}`);
    const home = hermeticAirflowEnv();
    try {
      const result = await runDagTest(dag(), "for_each", major, { out }, { airflowEnv: home, timeoutMs: 600_000 });
      expect(taskStates(result)).toEqual(FOR_EACH_STATES);
      expect({ fan: mappedCount(result, "fan"), static_fan: mappedCount(result, "static_fan"), param_fan: mappedCount(result, "param_fan") }).toEqual({ fan: FAN_ITEMS.length, static_fan: 2, param_fan: 2 });
      // An empty list: Airflow skips the task's one unmapped instance.
      expect(result.tasks.empty_fan?.state).toBe("skipped");
      // The item that fails ran twice (retries 1), the others once, each in its own instance.
      const fanTries = Object.entries(result.tasks).flatMap(([key, task]) => (key.startsWith("fan[") ? [task.try_number] : []));
      expect(fanTries.sort()).toEqual([1, 1, 2]);
      const attempts = attemptsIn(out);
      expect(Object.fromEntries(Object.keys(EXPECTED_ATTEMPTS).map((task) => [task, attempts[task]]))).toEqual(EXPECTED_ATTEMPTS);
      expect(attempts.empty_fan).toBeUndefined();
      // after_static started once every iteration of static_fan had ended (2.10's dag.test() records no start dates: the files say it).
      const staticEnds = readdirSync(join(out, "attempts", "static_fan")).map((file) => statSync(join(out, "attempts", "static_fan", file)).mtimeMs);
      expect(statSync(join(out, "after_static")).mtimeMs).toBeGreaterThanOrEqual(Math.max(...staticEnds));
      // The items steps orchc adds for lists known at run time.
      expect(Object.fromEntries(["fan__items", "param_fan__items", "empty_fan__items"].map((step) => [step, result.tasks[step]?.state]))).toEqual({ fan__items: "success", param_fan__items: "success", empty_fan__items: "success" });
    } finally {
      home.cleanup();
    }
  }, 900_000);

  it.skipIf(missing !== null)("a param that is no JSON array of strings fails the task, in its one iteration, before any command; the items step succeeds", async () => {
    const out = scratch.freshOut(`airflow${major}-bad`);
    const { result, log } = await runDagTestWithLog(dag(), "for_each", major, { out, regions: '["eu", 2]' });
    expect(result.tasks.param_fan__items?.state).toBe("success");
    expect(taskStates(result)).toEqual({ ...FOR_EACH_STATES, param_fan: "failed" });
    expect(mappedCount(result, "param_fan")).toBe(1);
    expect(result.tasks["param_fan[0]"]?.try_number).toBe(1);
    expect(log).toContain(failedWith(major, `param \`regions\` must be a JSON array of strings to run a task once per item, but is '["eu", 2]'`));
    // No command ran, and the item the templates read was a str, never the items step's marker.
    expect(attemptsIn(out).param_fan).toBeUndefined();
    const rendered = result.tasks["param_fan[0]"] as { rendered_fields?: { env?: Record<string, string> } | null } | undefined;
    expect(rendered?.rendered_fields?.env?.ORCHC_ITEM).toBe("");
  }, 900_000);

  it.skipIf(missing !== null)("an output that is no JSON array of strings fails the task without a retry; an allSuccess dependent is upstream_failed, an allDone one runs", async () => {
    const out = scratch.freshOut(`airflow${major}-bad-list`);
    const file = join(scratch.dir, "out", major === 3 ? "bad-list" : "bad-list2", "dags", "for_each_bad_list.py");
    const { result, log } = await runDagTestWithLog(file, "for_each_bad_list", major, { out });
    const states = Object.fromEntries(["list", "fan__items", "fan[0]", "after_fan", "after_all"].map((task) => [task, result.tasks[task]?.state]));
    expect(states).toEqual({ list: "success", fan__items: "success", "fan[0]": "failed", after_fan: "upstream_failed", after_all: "success" });
    expect(mappedCount(result, "fan")).toBe(1);
    // retries(2), yet one try: the list would be the same the next time.
    expect({ try_number: result.tasks["fan[0]"]?.try_number, max_tries: result.tasks["fan[0]"]?.max_tries }).toEqual({ try_number: 1, max_tries: 2 });
    expect(log).toContain(failedWith(major, "output `parts` of task `list` must be a JSON array of strings to run a task once per item, but is '[\"a\", 1]'"));
    expect(existsSync(join(out, "fan_ran"))).toBe(false);
    expect(existsSync(join(out, "after_fan"))).toBe(false);
    expect(existsSync(join(out, "after_all"))).toBe(true);
  }, 900_000);
});

describe.each(airflowMajors)("a Databricks task per item on Airflow %i (rendered as a mapped instance is)", (major) => {
  const python = airflowPython(major);
  it.skipIf(python === null)("each instance's run gets its item byte for byte in the notebook's parameters", () => {
    const home = hermeticAirflowEnv();
    try {
      const folder = join(scratch.dir, "out", major === 3 ? "databricks" : "databricks2", "dags");
      const script = join(dirname(fileURLToPath(import.meta.url)), "..", "airflow", "render_templates.py");
      const run = spawnSync(python!, [script, folder], { env: home.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 280_000 });
      expect(run.status, run.stderr.slice(-3000)).toBe(0);
      const rendered = JSON.parse(run.stdout) as { import_errors: Record<string, string>; dags: Record<string, { tasks: Record<string, { json: { notebook_task: { base_parameters: Record<string, string> } } }>; errors: Record<string, string> }> };
      expect(rendered.import_errors).toEqual({});
      const { tasks, errors } = rendered.dags.for_each_databricks!;
      expect(errors).toEqual({});
      expect(DATABRICKS_ITEMS.map((_, index) => tasks[`load[${index}]`]?.json.notebook_task.base_parameters.partition)).toEqual(DATABRICKS_ITEMS);
    } finally {
      home.cleanup();
    }
  });
});
