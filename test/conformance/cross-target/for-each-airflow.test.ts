// For-each tasks on Airflow, judged by real Airflow 3.3 and 2.10 (dag.test()): the shared fixture
// (for-each-pipeline.ts) built with the CLI, run once per major. The metadata DB says how each task
// ended and how many mapped task instances it had (one per item: `fan[0]`…); the files the
// attempts left say which items ran, how often, and byte for byte. A second run gives the param a
// value that is no JSON array of strings: its items step fails and no iteration runs. A Databricks
// task per item cannot run here: its instances' fields are rendered as Airflow renders them.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
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
}, 300_000);

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

  it.skipIf(missing !== null)("a param that is no JSON array of strings fails the task's items step before any iteration", async () => {
    const out = scratch.freshOut(`airflow${major}-bad`);
    const home = hermeticAirflowEnv();
    try {
      const result = await runDagTest(dag(), "for_each", major, { out, regions: '["eu", 2]' }, { airflowEnv: home, timeoutMs: 600_000 });
      expect(result.tasks.param_fan__items?.state).toBe("failed");
      expect(result.tasks.param_fan?.state).toBe("upstream_failed");
      expect(mappedCount(result, "param_fan")).toBe(0);
      expect(attemptsIn(out).param_fan).toBeUndefined();
    } finally {
      home.cleanup();
    }
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
