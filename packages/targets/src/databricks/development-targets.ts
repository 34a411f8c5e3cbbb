import type { EnvironmentNode, IR, PipelineNode } from "@orchc/compiler";

/**
 * The environment that configures each bundle target (mode, host, root path): the first pipeline's
 * that declares it, as renderBundle writes the target. Every job of the bundle deploys to every target.
 */
export function targetEnvironments(ir: IR): ReadonlyMap<string, EnvironmentNode> {
  const first = new Map<string, EnvironmentNode>();
  for (const pipeline of ir.pipelines) for (const environment of pipeline.environments) if (!first.has(environment.name)) first.set(environment.name, environment);
  return first;
}

/** The bundle targets with `mode: development`, where the CLI puts `[dev <user>] ` before every job and warehouse name. */
export function developmentTargets(ir: IR): ReadonlySet<string> {
  return new Set([...targetEnvironments(ir)].filter(([, environment]) => environment.overrides.databricks.mode === "development").map(([name]) => name));
}

/**
 * The pipeline as the bundle deploys it: in a development-mode target without the environment's
 * name prefix, since the CLI prepends its own unconditionally (`[dev alice] [DEV] nightly` otherwise).
 */
export function asDeployed(pipeline: PipelineNode, development: ReadonlySet<string>): PipelineNode {
  if (!pipeline.environments.some((environment) => development.has(environment.name) && environment.namePrefix !== "")) return pipeline;
  return { ...pipeline, environments: pipeline.environments.map((environment) => (development.has(environment.name) ? { ...environment, namePrefix: "" } : environment)) };
}
