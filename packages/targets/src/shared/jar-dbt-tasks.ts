import { error, type Diagnostic, type DiagnosticSubject, type PipelineNode, type TaskNode } from "@orchc/compiler";
import { serverlessMisfit, wheelCompute } from "./wheel-task.js";

const COMPUTE_HINT = {
  sparkJar: 'give it `.compute("<name>")` of a cluster(…) or existingCluster(…) compute, or set the pipeline\'s defaultCompute',
  dbt: 'give it `.compute("<name>")` of a cluster(…), existingCluster(…) or serverless(…) compute (dbt runs there; the warehouse runs its SQL), or set the pipeline\'s defaultCompute',
};

/**
 * A spark JAR task runs on a cluster; a dbt task runs the dbt CLI on a cluster or serverless. JAR
 * tasks on serverless are a preview that needs a Java environment (`java_dependencies`, matching
 * Scala and JDK versions) orchc does not write, so they are refused there with the way out.
 * `where`: "on Databricks", say.
 */
export function checkJarAndDbtTask(pipeline: PipelineNode, task: TaskNode, file: string, where: string): Diagnostic[] {
  const action = task.action;
  if (action.kind !== "sparkJar" && action.kind !== "dbt") return [];
  const what = action.kind === "sparkJar" ? "spark JAR task" : "dbt task";
  const at = (path: Array<string | number>, value?: string): DiagnosticSubject => ({ file, pipelineId: pipeline.id, taskId: task.id, path, ...(value !== undefined && { value }) });
  const compute = wheelCompute(pipeline, task);
  if (compute === null) {
    const named = pipeline.compute.find((node) => node.name === task.compute);
    const runsOn = action.kind === "sparkJar" ? "a JAR runs on a cluster" : "dbt runs on a cluster or serverless compute";
    return [
      error("ORC345", `${what} \`${task.id}\` ${named ? `runs on ${named.kind} compute \`${named.name}\`` : "names no compute"}, but ${runsOn} ${where}`, {
        hint: COMPUTE_HINT[action.kind],
        subject: at(named ? ["compute"] : ["action"], named?.name),
      }),
    ];
  }
  if (compute.kind !== "serverless") return [];
  if (action.kind === "sparkJar") {
    return [
      error("ORC344", `spark JAR task \`${task.id}\` runs on serverless compute \`${compute.name}\`, where JAR tasks are a preview that needs a Java environment orchc does not write`, {
        hint: "run it on a cluster(…) or existingCluster(…) compute",
        subject: at(["compute"], compute.name),
      }),
    ];
  }
  return action.libraries.flatMap((library, index) => {
    const misfit = serverlessMisfit(library);
    return misfit === null
      ? []
      : [
          error("ORC341", `dbt task \`${task.id}\` runs on serverless compute \`${compute.name}\`, whose environment installs pip requirements only, not ${misfit}`, {
            hint: "run the task on a cluster compute, or install the library from PyPI's default index or as a wheel",
            subject: at(["action", "libraries", index]),
          }),
        ];
  });
}
