import type { PipelineNode, TaskNode } from "@orchc/compiler";

/** How a dependency ended: a job's result, or for an optional task the outcome of its step (the job itself always succeeds). */
function statusOf(pipeline: PipelineNode, dependency: string, jobId: (task: string) => string): string {
  const task = pipeline.tasks.find((candidate) => candidate.id === dependency)!;
  return task.optional ? `needs.${jobId(dependency)}.outputs.orchc_outcome` : `needs.${jobId(dependency)}.result`;
}

/**
 * The job's `if:`, built on each dependency's status so every rule means what it means on the
 * other targets. Any status function turns off GitHub's implicit `success()`; `!cancelled()` (not
 * `always()`) keeps a cancelled run cancelled. Null: GitHub's default (all needs succeeded) is exact.
 */
export function jobCondition(pipeline: PipelineNode, task: TaskNode, jobId: (task: string) => string): string | null {
  if (task.dependsOn.length === 0) return null;
  const statuses = task.dependsOn.map((dependency) => statusOf(pipeline, dependency, jobId));
  const anyOptional = task.dependsOn.some((dependency) => pipeline.tasks.find((candidate) => candidate.id === dependency)!.optional);
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
