import type { PipelineNode, TaskNode } from "@orchc/compiler";

// Looked up once per pipeline: searching the task list for every dependency made 10,000 jobs quadratic.
const optionalIdsByPipeline = new WeakMap<PipelineNode, ReadonlySet<string>>();
function optionalIds(pipeline: PipelineNode): ReadonlySet<string> {
  let ids = optionalIdsByPipeline.get(pipeline);
  if (!ids) optionalIdsByPipeline.set(pipeline, (ids = new Set(pipeline.tasks.filter((task) => task.optional).map((task) => task.id))));
  return ids;
}

/**
 * How a dependency ended, as orchc's rules read it: a job's result, or for an optional task the
 * job output `orchc_outcome` (the job itself succeeds). Compared only with 'success' and 'failure':
 * a job that did not run has no outputs (GitHub gives '', act the output's text), so neither matches.
 * `failure` covers upstream_failed, since a job that is upstream_failed runs only to fail.
 */
function statusOf(optional: ReadonlySet<string>, dependency: string, jobId: (task: string) => string): string {
  return optional.has(dependency) ? `needs.${jobId(dependency)}.outputs.orchc_outcome` : `needs.${jobId(dependency)}.result`;
}

type Result = "success" | "failure";
interface Tests {
  /** Every need ended so. */
  readonly all: (result: Result) => string;
  /** Some need ended so. */
  readonly any: (result: Result) => string;
}

/** One comparison per need: what an optional need's output needs. */
const overEachNeed = (statuses: ReadonlyArray<string>): Tests => ({
  all: (result) => statuses.map((status) => `${status} == '${result}'`).join(" && "),
  any: (result) => (statuses.length === 1 ? `${statuses[0]} == '${result}'` : `(${statuses.map((status) => `${status} == '${result}'`).join(" || ")})`),
});

/**
 * Over `needs.*.result` when every need is a plain job: the same size for 2 needs or 1,000, where one
 * comparison per need would pass GitHub's 21,000-character limit on an expression, and the same text
 * in every job of a rule, so the workflow writes it once and aliases it. A need's result is success,
 * failure or skipped here (cancelled only in a run `!cancelled()` already stops).
 */
const overAllNeeds: Tests = {
  all: (result) => `!contains(needs.*.result, '${result === "success" ? "failure" : "success"}') && !contains(needs.*.result, 'skipped')`,
  any: (result) => `contains(needs.*.result, '${result}')`,
};

export interface JobConditions {
  /** The job's `if:`; null for a task with no dependencies (nothing to wait for). */
  readonly job: string | null;
  /**
   * The `if:` of the job's first step, which fails the job as upstream_failed; null when the rule can
   * leave the task upstream_failed never.
   */
  readonly upstreamFailed: string | null;
}

/**
 * The task's conditions, from its direct needs only. GitHub marks a job that did not run `skipped`,
 * whether its own rule said no or a need failed, and a skipped job carries no outputs, so the two
 * cannot be told apart downstream. orchc keeps `skipped` for "its own rule said no" and runs a job
 * that is upstream_failed (a need failed or was upstream_failed, and its rule reads that as "do not
 * run", as Airflow does) just to fail at its first step: downstream, `failure` means failed or
 * upstream_failed, which every rule reads alike, and the run fails as orchc's FAILED does. Every
 * rule is written out with `!cancelled()` (a cancelled run stays cancelled): GitHub's implicit
 * `success()` would look at every ancestor, not at the direct needs.
 */
export function jobConditions(pipeline: PipelineNode, task: TaskNode, jobId: (task: string) => string, needsDeadlineJob: boolean): JobConditions {
  if (task.dependsOn.length === 0) return { job: null, upstreamFailed: null };
  const optional = optionalIds(pipeline);
  // With the deadline job among the needs, `needs.*` would count its success as a task's.
  const plainJobs = !needsDeadlineJob && !task.dependsOn.some((dependency) => optional.has(dependency));
  const { all, any } = plainJobs ? overAllNeeds : overEachNeed(task.dependsOn.map((dependency) => statusOf(optional, dependency, jobId)));
  const anySucceeded = any("success");
  const anyFailed = any("failure");
  switch (task.runIf) {
    case "allSuccess":
      return { job: `!cancelled() && (${all("success")} || ${anyFailed})`, upstreamFailed: anyFailed };
    case "allDone":
      return { job: "!cancelled()", upstreamFailed: null };
    case "allFailed":
      return { job: `!cancelled() && ${all("failure")}`, upstreamFailed: null };
    case "atLeastOneFailed":
      return { job: `!cancelled() && ${anyFailed}`, upstreamFailed: null };
    case "atLeastOneSuccess":
      // Not run when no need succeeded: skipped when every need was skipped, else upstream_failed.
      return { job: `!cancelled() && (${anySucceeded} || ${anyFailed})`, upstreamFailed: `!(${anySucceeded})` };
    case "noneFailed":
      return { job: "!cancelled()", upstreamFailed: anyFailed };
  }
}
