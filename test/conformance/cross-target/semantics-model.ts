// orchc's meaning of a run, written once (docs/semantics.md): the task states each rule gives for
// the states of the tasks it waits for, and the run status. Every engine in cross-target.test.ts
// is asserted against this table; it follows Airflow's trigger_rule_dep.py (3.3.2), as DESIGN.md
// says the rules do.
import type { RunIf } from "../../../packages/dsl/src/index.js";

export type TaskState = "success" | "failed" | "skipped" | "upstream_failed";
export type RunStatus = "SUCCESS" | "PARTIAL" | "FAILED";

/** One task of a semantic case: what it waits for, its rule, and whether its own command fails. */
export interface CaseTask {
  readonly id: string;
  readonly after: ReadonlyArray<string>;
  readonly runIf: RunIf;
  readonly optional: boolean;
  readonly fails: boolean;
}

export interface RunOutcome {
  readonly states: Readonly<Record<string, TaskState>>;
  readonly status: RunStatus;
}

const isFailure = (state: TaskState) => state === "failed" || state === "upstream_failed";

/** The state a rule gives when it is not met, or null when the task runs. */
export const RULES: Readonly<Record<RunIf, (upstream: ReadonlyArray<TaskState>) => TaskState | null>> = {
  allSuccess: (up) => (up.some(isFailure) ? "upstream_failed" : up.includes("skipped") ? "skipped" : null),
  allDone: () => null,
  allFailed: (up) => (up.every(isFailure) ? null : "skipped"),
  atLeastOneFailed: (up) => (up.some(isFailure) ? null : "skipped"),
  atLeastOneSuccess: (up) => (up.includes("success") ? null : up.every((state) => state === "skipped") ? "skipped" : "upstream_failed"),
  noneFailed: (up) => (up.some(isFailure) ? "upstream_failed" : null),
};

/** Task states in declaration order (tasks come after what they wait for), and the run status. */
export function expectedRun(tasks: ReadonlyArray<CaseTask>): RunOutcome {
  const states: Record<string, TaskState> = {};
  for (const task of tasks) {
    const notMet = task.after.length === 0 ? null : RULES[task.runIf](task.after.map((id) => states[id]!));
    states[task.id] = notMet ?? (task.fails ? "failed" : "success");
  }
  return { states, status: runStatus(tasks, states) };
}

/** FAILED if a non-optional task failed or did not run for a failure; PARTIAL if only optional ones failed. */
export function runStatus(tasks: ReadonlyArray<CaseTask>, states: Readonly<Record<string, TaskState>>): RunStatus {
  if (tasks.some((task) => !task.optional && isFailure(states[task.id]!))) return "FAILED";
  if (tasks.some((task) => task.optional && states[task.id] === "failed")) return "PARTIAL";
  return "SUCCESS";
}
