import type { PipelineNode } from "@orchc/compiler";
import type { RunIf } from "@orchc/dsl";
import type { AirflowOptions } from "./airflow-options.js";
import { freshName } from "./python-names.js";
import { code, list, str, template, type Py } from "./python-source.js";
import { templatedCall } from "./templated-fields.js";

/**
 * Rules under which a task can run, and end well, after a task before it failed. Airflow judges a
 * DAG run by its leaves, so behind such a task a critical failure would leave the run "success";
 * allSuccess and noneFailed pass the failure on (upstream_failed) and the leaves show it.
 */
const RUNS_AFTER_A_FAILURE: ReadonlySet<RunIf> = new Set(["allDone", "allFailed", "atLeastOneFailed", "atLeastOneSuccess"]);

/** A task orchc adds to the DAG: its Airflow id (no task's id) and the tasks it waits for. */
export interface StatusTask {
  readonly id: string;
  readonly upstream: ReadonlyArray<string>;
}

export interface StatusTasks {
  /** Fails the run when a critical task failed or is upstream_failed (`one_failed` after every critical task). */
  readonly watcher: StatusTask | null;
  /** Runs (`all_done`) after every optional task that ends the DAG, so that its failure is not a failed leaf. */
  readonly optionalEnd: StatusTask | null;
  /**
   * For a pipeline others run after: succeeds, updating the pipeline's asset, only when no critical
   * task failed (`none_failed` after every critical task and `optionalEnd`), so when the run is
   * SUCCESS or PARTIAL and every task has ended.
   */
  readonly succeeded: StatusTask | null;
}

/**
 * What makes Airflow's run state orchc's run status. An optional task fails as any task does
 * (`failed`, and `upstream_failed` after it, read by every rule as on the other targets); only the
 * run status must not count it. Airflow fails a run when a leaf failed, so an optional task that is
 * a leaf gets `optionalEnd` after it. A critical failure must fail the run even behind a task that
 * runs anyway (an allDone cleanup, an alert, `optionalEnd` itself): the watcher Airflow's own system
 * tests use, a leaf with trigger rule `one_failed` after every critical task, which fails
 * (`one_failed` counts `upstream_failed` too). Each is added only where it can matter.
 */
export function statusTasks(pipeline: PipelineNode, announcesSuccess = false): StatusTasks {
  const byId = new Map(pipeline.tasks.map((task) => [task.id, task]));
  const hasCriticalAncestor = new Map<string, boolean>();
  const critical = (id: string): boolean => {
    const known = hasCriticalAncestor.get(id);
    if (known !== undefined) return known;
    const answer = byId.get(id)!.dependsOn.some((dep) => !byId.get(dep)!.optional || critical(dep));
    hasCriticalAncestor.set(id, answer);
    return answer;
  };
  const taken = new Set(byId.keys());
  const fresh = (base: string) => freshName(base, taken);
  const upstreamOfSome = new Set(pipeline.tasks.flatMap((task) => task.dependsOn));
  const optionalLeaves = pipeline.tasks.filter((task) => task.optional && !upstreamOfSome.has(task.id));
  const masked =
    pipeline.tasks.some((task) => RUNS_AFTER_A_FAILURE.has(task.runIf) && critical(task.id)) ||
    optionalLeaves.some((task) => critical(task.id));
  const watcher = masked ? { id: fresh("orchc_watcher"), upstream: pipeline.tasks.filter((task) => !task.optional).map((task) => task.id) } : null;
  const optionalEnd = optionalLeaves.length > 0 ? { id: fresh("orchc_optional_end"), upstream: optionalLeaves.map((task) => task.id) } : null;
  const succeeded = announcesSuccess
    ? { id: fresh("orchc_succeeded"), upstream: [...pipeline.tasks.filter((task) => !task.optional).map((task) => task.id), ...(optionalEnd ? [optionalEnd.id] : [])] }
    : null;
  return { watcher, optionalEnd, succeeded };
}

const WATCHER_MESSAGE = "orchc: a critical task failed, or did not run because a task before it failed; the run is FAILED";

/** The status tasks as BashOperator calls, with no retries whatever the DAG's defaults. */
export function statusOperators({ watcher, optionalEnd, succeeded }: StatusTasks, airflowVersion: AirflowOptions["airflowVersion"], outlet: Py | null = null): Array<[StatusTask, Py]> {
  const operator = (task: StatusTask, command: string, triggerRule: string, doc: string, extra: Array<[string, Py]> = []): [StatusTask, Py] => [
    task,
    templatedCall("BashOperator", [
      ["task_id", str(task.id)],
      ["bash_command", template([{ text: command }])],
      ["skip_on_exit_code", code("None")],
      ["retries", code("0")],
      ["trigger_rule", str(triggerRule)],
      ["doc_md", str(doc)],
      ...extra,
    ], airflowVersion),
  ];
  return [
    ...(optionalEnd ? [operator(optionalEnd, "true", "all_done", "Added by orchc: runs after the optional tasks that end the DAG, so that their failure makes the run PARTIAL (success here), not failed.")] : []),
    ...(succeeded && outlet ? [operator(succeeded, "true", "none_failed", "Added by orchc: runs when no critical task failed, and updates this pipeline's asset, which starts the pipelines that run after it.", [["outlets", list([outlet])]])] : []),
    ...(watcher ? [operator(watcher, `echo "${WATCHER_MESSAGE}" >&2\nexit 1`, "one_failed", "Added by orchc: fails the DAG run when a critical task failed, as orchc's other targets do; skipped otherwise.")] : []),
  ];
}
