import type { LibraryNode, PipelineNode, TaskNode } from "@orchc/compiler";
import { isRemotePath, librariesOf, pipRequirement, serverlessMisfit, wheelCompute } from "../shared/wheel-task.js";
import type { BundleMap, BundleValue } from "./bundle-value.js";
import { bundlePath, databricksValue } from "./databricks-values.js";

/** A library path as the job resource file reads it: project-relative paths from one folder down, others as written. */
export const libraryPath = (path: string): string => (isRemotePath(path) ? path : bundlePath(path));

export function bundleLibrary(library: LibraryNode): BundleMap {
  switch (library.kind) {
    case "whl":
      return { whl: libraryPath(library.path) };
    case "jar":
      return { jar: libraryPath(library.path) };
    case "pypi":
      return { pypi: { package: library.package, ...(library.repo !== null && { repo: library.repo }) } };
    case "maven":
      return { maven: { coordinates: library.coordinates, ...(library.repo !== null && { repo: library.repo }), ...(library.exclusions.length > 0 && { exclusions: [...library.exclusions] }) } };
  }
}

/** A python wheel task's body; its libraries are the task's own on a cluster, its environment's on serverless. */
export function pythonWheelTask(pipeline: PipelineNode, task: TaskNode): BundleMap {
  const action = task.action;
  if (action.kind !== "pythonWheel") return {};
  const value = (node: Parameters<typeof databricksValue>[1]) => databricksValue(pipeline, node);
  const onCluster = wheelCompute(pipeline, task)?.kind !== "serverless";
  return {
    python_wheel_task: {
      package_name: action.package,
      entry_point: action.entryPoint,
      ...(action.parameters.length > 0 && { parameters: action.parameters.map(value) }),
      ...(action.namedParameters.length > 0 && { named_parameters: Object.fromEntries(action.namedParameters.map(({ name, value: node }) => [name, value(node)])) }),
    },
    ...(onCluster && action.libraries.length > 0 && { libraries: action.libraries.map(bundleLibrary) }),
  };
}

/** The pip requirements the wheel tasks on one serverless compute add to its environment, each once. */
export function environmentRequirements(pipeline: PipelineNode, compute: string): BundleValue[] {
  const requirements = pipeline.tasks
    .filter((task) => task.compute === compute)
    .flatMap(librariesOf)
    .filter((library) => serverlessMisfit(library) === null)
    .map((library) => pipRequirement(library, libraryPath));
  return [...new Set(requirements)];
}
