// What Databricks Jobs does with a generated job, written from its documentation, since no
// workspace can be reached from here: this is a model, not the engine, and says so where used.
// Sources ("Run tasks conditionally in a Databricks job", docs.databricks.com/jobs/conditional-tasks;
// RunResultState in the Jobs API):
// - ALL_SUCCESS, AT_LEAST_ONE_SUCCESS, NONE_FAILED: "The task is marked as Upstream failed if the
//   condition is not met." NONE_FAILED: "None of the dependencies failed, and at least one
//   dependency was run."  ALL_DONE: runs whatever the dependencies did.
// - AT_LEAST_ONE_FAILED, ALL_FAILED: "marked as Excluded if the condition is not met. Excluded
//   tasks are skipped and are treated as successful. If all task dependencies are excluded, the
//   task is also excluded, regardless of its Run if condition."
// - The run: "Succeeded: All tasks were successful. Succeeded with failures: Some tasks failed,
//   but all leaf tasks were successful. Failed: One or more leaf tasks failed." (A leaf has no
//   dependents; RunResultState SUCCESS_WITH_FAILURES: "leaf tasks were successful".)
// Read as failures here: FAILED and UPSTREAM_FAILED (a leaf that did not run for a failure did not
// succeed). A condition task that runs succeeds (it "does not require a cluster").

export type DatabricksTaskState = "SUCCESS" | "FAILED" | "UPSTREAM_FAILED" | "EXCLUDED";
export type DatabricksRunState = "SUCCESS" | "SUCCESS_WITH_FAILURES" | "FAILED";

export interface JobTask {
  readonly task_key: string;
  readonly depends_on?: ReadonlyArray<{ readonly task_key: string }>;
  readonly run_if?: string;
  readonly condition_task?: unknown;
}

const failed = (state: DatabricksTaskState) => state === "FAILED" || state === "UPSTREAM_FAILED";
const succeeded = (state: DatabricksTaskState) => state === "SUCCESS" || state === "EXCLUDED";

function notMet(runIf: string, up: ReadonlyArray<DatabricksTaskState>): DatabricksTaskState | null {
  switch (runIf) {
    case "ALL_SUCCESS":
      return up.every(succeeded) ? null : "UPSTREAM_FAILED";
    case "AT_LEAST_ONE_SUCCESS":
      return up.some(succeeded) ? null : "UPSTREAM_FAILED";
    case "NONE_FAILED":
      return up.some(failed) ? "UPSTREAM_FAILED" : null;
    case "ALL_DONE":
      return null;
    case "AT_LEAST_ONE_FAILED":
      return up.some(failed) ? null : "EXCLUDED";
    case "ALL_FAILED":
      return up.every(failed) ? null : "EXCLUDED";
    default:
      throw new Error(`unknown run_if ${runIf}`);
  }
}

/** Each task's state and the run's result, when the tasks named in `failing` fail whenever they run. */
export function databricksRun(tasks: ReadonlyArray<JobTask>, failing: ReadonlySet<string>): { states: Record<string, DatabricksTaskState>; result: DatabricksRunState } {
  const states: Record<string, DatabricksTaskState> = {};
  const pending = [...tasks];
  while (pending.length > 0) {
    const index = pending.findIndex((task) => (task.depends_on ?? []).every((dep) => dep.task_key in states));
    if (index < 0) throw new Error(`a cycle or an unknown dependency among ${pending.map((task) => task.task_key).join(", ")}`);
    const task = pending.splice(index, 1)[0]!;
    const up = (task.depends_on ?? []).map((dep) => states[dep.task_key]!);
    const state = up.length === 0 ? null : up.every((s) => s === "EXCLUDED") ? "EXCLUDED" : notMet(task.run_if ?? "ALL_SUCCESS", up);
    states[task.task_key] = state ?? (failing.has(task.task_key) && task.condition_task === undefined ? "FAILED" : "SUCCESS");
  }
  const dependedOn = new Set(tasks.flatMap((task) => (task.depends_on ?? []).map((dep) => dep.task_key)));
  const leaves = tasks.filter((task) => !dependedOn.has(task.task_key));
  const result = !leaves.every((task) => succeeded(states[task.task_key]!)) ? "FAILED" : Object.values(states).every(succeeded) ? "SUCCESS" : "SUCCESS_WITH_FAILURES";
  return { states, result };
}

/** orchc's name for a Databricks run result. */
export const RUN_STATUS_OF: Readonly<Record<DatabricksRunState, "SUCCESS" | "PARTIAL" | "FAILED">> = {
  SUCCESS: "SUCCESS",
  SUCCESS_WITH_FAILURES: "PARTIAL",
  FAILED: "FAILED",
};
