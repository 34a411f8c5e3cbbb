// The Databricks column of the cross-target cases: each case built for databricks, the emitted job
// run through a model of Databricks' documented rules (no workspace is reachable from here), and
// the run result read as orchc's status.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile } from "../../../packages/compiler/src/index.js";
import { databricksTarget } from "../../../packages/targets/src/index.js";
import { RUN_STATUS_TASK } from "../../../packages/targets/src/databricks/databricks-job.js";
import { databricksRun, RUN_STATUS_OF, type JobTask } from "../../conformance/cross-target/databricks-run-model.js";
import { databricksSpec, NAMED_CASES, TRUTH_TABLE, type SemanticCase } from "../../conformance/cross-target/semantic-cases.js";
import { expectedRun, type TaskState } from "../../conformance/cross-target/semantics-model.js";
import { loaded } from "../compiler/lower-helpers.js";

/** The case built for databricks: the bundle's files, or the diagnostics. */
function buildForDatabricks(entry: SemanticCase) {
  return compile({ loaded: loaded(databricksSpec(entry)), target: databricksTarget, environment: null, options: {}, orchcVersion: "test" });
}

function jobTasks(entry: SemanticCase): JobTask[] {
  const result = buildForDatabricks(entry);
  expect(result.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`)).toEqual([]);
  const job = parse(result.files.find((file) => file.path === `resources/${entry.id}.job.yml`)!.contents) as { resources: { jobs: Record<string, { tasks: JobTask[] }> } };
  return job.resources.jobs[entry.id]!.tasks;
}

const databricksStatus = (entry: SemanticCase) => RUN_STATUS_OF[databricksRun(jobTasks(entry), new Set(entry.tasks.filter((task) => task.fails).map((task) => task.id))).result];

describe("a Databricks run ends with orchc's status (modelled on Databricks' documented rules)", () => {
  it.each([...NAMED_CASES, ...TRUTH_TABLE].map((entry) => [entry.id, entry] as const))("%s", (_id, entry) => {
    expect(databricksStatus(entry)).toBe(expectedRun(entry.tasks).status);
  });

  it("every task ends in orchc's state (Excluded read as skipped), but where Databricks excludes a task whose upstream tasks were all excluded", () => {
    const asOrchc: Record<string, TaskState> = { SUCCESS: "success", FAILED: "failed", UPSTREAM_FAILED: "upstream_failed", EXCLUDED: "skipped" };
    const found: string[] = [];
    for (const entry of [...NAMED_CASES, ...TRUTH_TABLE]) {
      const { states } = databricksRun(jobTasks(entry), new Set(entry.tasks.filter((task) => task.fails).map((task) => task.id)));
      const expected = expectedRun(entry.tasks).states;
      for (const task of entry.tasks) if (asOrchc[states[task.id]!] !== expected[task.id]) found.push(`${entry.id} ${task.id}: ${asOrchc[states[task.id]!]} (expected ${expected[task.id]})`);
    }
    // Databricks: "If all task dependencies are excluded, the task is also excluded, regardless of its Run if condition."
    expect(found).toEqual([
      "allDone_k allDone_k_t: skipped (expected success)",
      "allDone_k allDone_k_all: skipped (expected success)",
      "noneFailed_k noneFailed_k_t: skipped (expected success)",
      "noneFailed_k noneFailed_k_all: skipped (expected success)",
    ]);
  });

  it("a failed task whose dependents all still succeed makes the run FAILED through orchc_run_status", () => {
    const cleanup = NAMED_CASES.find((entry) => entry.id === "cleanup_after_failure")!;
    const tasks = jobTasks(cleanup);
    expect(tasks.at(-1)).toMatchObject({ task_key: RUN_STATUS_TASK, depends_on: [{ task_key: "a" }, { task_key: "cleanup" }], condition_task: {} });
    expect(tasks.at(-1)!.run_if).toBeUndefined();
    const { states, result } = databricksRun(tasks, new Set(["a"]));
    expect({ states, result }).toEqual({ states: { a: "FAILED", cleanup: "SUCCESS", [RUN_STATUS_TASK]: "UPSTREAM_FAILED" }, result: "FAILED" });
  });

  it("adds no run-status task where every failure already reaches a leaf", () => {
    const chain = { id: "chain", what: "", tasks: [...NAMED_CASES.find((entry) => entry.id === "all_succeed")!.tasks] };
    expect(jobTasks(chain).map((task) => task.task_key)).toEqual(["a", "b"]);
  });
});
