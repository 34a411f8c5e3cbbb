import type { PipelineNode } from "@orchc/compiler";
import type { RunIf } from "@orchc/dsl";
import type { AirflowOptions } from "./airflow-options.js";
import { code, str, template, type Py } from "./python-source.js";
import { templatedCall } from "./templated-fields.js";

/**
 * Rules under which a task can run, and end well, after a task before it failed. Airflow judges a
 * DAG run by its leaves, so behind such a task a critical failure would leave the run "success";
 * allSuccess and noneFailed pass the failure on (upstream_failed) and the leaves show it.
 */
const RUNS_AFTER_A_FAILURE: ReadonlySet<RunIf> = new Set(["allDone", "allFailed", "atLeastOneFailed", "atLeastOneSuccess"]);

export interface StatusWatcher {
  /** Its Airflow task id: not any task's id. */
  readonly id: string;
  /** Every critical task, in pipeline order: an optional task's failure makes the run PARTIAL, not FAILED. */
  readonly upstream: ReadonlyArray<string>;
}

/**
 * The task that makes Airflow's run status orchc's (FAILED when a critical task failed or did not
 * run because one before it failed), as Airflow's own system tests do: a leaf with trigger rule
 * `one_failed` after every critical task, which fails. `one_failed` counts `upstream_failed`
 * too; a failed optional task ends skipped (optional-task-script.ts) and is not watched anyway.
 * Null when no task can run after a critical failure: then the leaves already tell.
 */
export function statusWatcher(pipeline: PipelineNode): StatusWatcher | null {
  const byId = new Map(pipeline.tasks.map((task) => [task.id, task]));
  const hasCriticalAncestor = new Map<string, boolean>();
  const critical = (id: string): boolean => {
    const known = hasCriticalAncestor.get(id);
    if (known !== undefined) return known;
    const task = byId.get(id)!;
    const answer = task.dependsOn.some((dep) => !byId.get(dep)!.optional || critical(dep));
    hasCriticalAncestor.set(id, answer);
    return answer;
  };
  if (!pipeline.tasks.some((task) => RUNS_AFTER_A_FAILURE.has(task.runIf) && critical(task.id))) return null;
  let id = "orchc_watcher";
  for (let suffix = 2; byId.has(id); suffix++) id = `orchc_watcher_${suffix}`;
  return { id, upstream: pipeline.tasks.filter((task) => !task.optional).map((task) => task.id) };
}

const WATCHER_MESSAGE = "orchc: a critical task failed, or did not run because a task before it failed; the run is FAILED";

/** The watcher as a BashOperator call: no retries, whatever the DAG's defaults. */
export function watcherOperator(watcher: StatusWatcher, airflowVersion: AirflowOptions["airflowVersion"]): Py {
  return templatedCall("BashOperator", [
    ["task_id", str(watcher.id)],
    ["bash_command", template([{ text: `echo "${WATCHER_MESSAGE}" >&2\nexit 1` }])],
    ["skip_on_exit_code", code("None")],
    ["retries", code("0")],
    ["trigger_rule", str("one_failed")],
    ["doc_md", str("Added by orchc: fails the DAG run when a critical task failed, as orchc's other targets do; skipped otherwise.")],
  ], airflowVersion);
}
