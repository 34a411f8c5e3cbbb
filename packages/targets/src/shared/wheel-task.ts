import { error, type ComputeNode, type Diagnostic, type DiagnosticSubject, type LibraryNode, type PipelineNode, type TaskNode } from "@orchc/compiler";

/** A workspace, volume or cloud path (`/Volumes/…`, `s3://…`, `dbfs:/…`): Databricks reads it where it is. */
export const isRemotePath = (path: string): boolean => path.startsWith("/") || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path);

/** The libraries a task installs (python wheel, spark JAR and dbt tasks). */
export const librariesOf = (task: TaskNode): ReadonlyArray<LibraryNode> =>
  task.action.kind === "pythonWheel" || task.action.kind === "sparkJar" || task.action.kind === "dbt" ? task.action.libraries : [];

/** The task's compute, when it is one a python wheel can run on. */
export function wheelCompute(pipeline: PipelineNode, task: TaskNode): Extract<ComputeNode, { kind: "cluster" | "existingCluster" | "serverless" }> | null {
  const compute = pipeline.compute.find((node) => node.name === task.compute);
  return compute?.kind === "cluster" || compute?.kind === "existingCluster" || compute?.kind === "serverless" ? compute : null;
}

/** What a serverless environment cannot install: it takes pip requirements only. */
export function serverlessMisfit(library: LibraryNode): string | null {
  if (library.kind === "maven") return `Maven library \`${library.coordinates}\``;
  if (library.kind === "jar") return `JAR \`${library.path}\``;
  if (library.kind === "pypi" && library.repo !== null) return `PyPI package \`${library.package}\` from index \`${library.repo}\``;
  return null;
}

/** A serverless environment's pip requirement for a library that fits one (serverlessMisfit is null). */
export const pipRequirement = (library: LibraryNode, path: (path: string) => string): string =>
  library.kind === "pypi" ? library.package : library.kind === "whl" ? path(library.path) : "";

/** A python wheel task needs compute that runs Python: a cluster, an existing cluster or serverless. `where`: "on Databricks", say. */
export function checkWheelTask(pipeline: PipelineNode, task: TaskNode, file: string, where: string): Diagnostic[] {
  if (task.action.kind !== "pythonWheel") return [];
  const at = (path: Array<string | number>, value?: string): DiagnosticSubject => ({ file, pipelineId: pipeline.id, taskId: task.id, path, ...(value !== undefined && { value }) });
  const compute = wheelCompute(pipeline, task);
  if (compute === null) {
    const named = pipeline.compute.find((node) => node.name === task.compute);
    return [
      error("ORC343", `python wheel task \`${task.id}\` ${named ? `runs on ${named.kind} compute \`${named.name}\`` : "names no compute"}, but a wheel runs on a cluster or serverless compute ${where}`, {
        hint: 'give it `.compute("<name>")` of a cluster(…), existingCluster(…) or serverless(…) compute, or set the pipeline\'s defaultCompute',
        subject: at(named ? ["compute"] : ["action"], named?.name),
      }),
    ];
  }
  if (compute.kind !== "serverless") return [];
  return task.action.libraries.flatMap((library, index) => {
    const misfit = serverlessMisfit(library);
    return misfit === null
      ? []
      : [
          error("ORC341", `python wheel task \`${task.id}\` runs on serverless compute \`${compute.name}\`, whose environment installs pip requirements only, not ${misfit}`, {
            hint: "run the task on a cluster compute, or install the library from PyPI's default index or as a wheel",
            subject: at(["action", "libraries", index]),
          }),
        ];
  });
}
