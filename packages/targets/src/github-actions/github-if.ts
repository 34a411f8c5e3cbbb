import type { PipelineNode, TaskNode } from "@orchc/compiler";

// Looked up once per pipeline: searching the task list for every dependency made 10,000 jobs quadratic.
const optionalIdsByPipeline = new WeakMap<PipelineNode, ReadonlySet<string>>();
function optionalIds(pipeline: PipelineNode): ReadonlySet<string> {
  let ids = optionalIdsByPipeline.get(pipeline);
  if (!ids) optionalIdsByPipeline.set(pipeline, (ids = new Set(pipeline.tasks.filter((task) => task.optional).map((task) => task.id))));
  return ids;
}

/** How a dependency ended: a job's result, or for an optional task the outcome of its step (the job itself always succeeds). */
function statusOf(optional: ReadonlySet<string>, dependency: string, jobId: (task: string) => string): string {
  return optional.has(dependency) ? `needs.${jobId(dependency)}.outputs.orchc_outcome` : `needs.${jobId(dependency)}.result`;
}

/**
 * The job's `if:`, built on each dependency's status so every rule means what it means on the
 * other targets. Any status function turns off GitHub's implicit `success()`; `!cancelled()` (not
 * `always()`) keeps a cancelled run cancelled. Null: GitHub's default (all needs succeeded) is exact.
 */
export function jobCondition(pipeline: PipelineNode, task: TaskNode, jobId: (task: string) => string): string | null {
  if (task.dependsOn.length === 0) return null;
  const optional = optionalIds(pipeline);
  const statuses = task.dependsOn.map((dependency) => statusOf(optional, dependency, jobId));
  const anyOptional = task.dependsOn.some((dependency) => optional.has(dependency));
  const all = (test: string) => statuses.map((status) => `${status} ${test}`).join(" && ");
  const any = (test: string) => `(${statuses.map((status) => `${status} ${test}`).join(" || ")})`;
  switch (task.runIf) {
    case "allSuccess":
      return anyOptional ? `!cancelled() && ${all("== 'success'")}` : null;
    case "allDone":
      return "!cancelled()";
    case "allFailed":
      return `!cancelled() && ${all("== 'failure'")}`;
    case "atLeastOneFailed":
      return `!cancelled() && ${any("== 'failure'")}`;
    case "atLeastOneSuccess":
      return `!cancelled() && ${any("== 'success'")}`;
    case "noneFailed":
      return `!cancelled() && ${all("!= 'failure'")}`;
  }
}
