import type { PipelineNode } from "@orchc/compiler";
import type { RunPlan } from "@orchc/runner/plan";
import { inertLinesOf } from "./local-inert.js";
import { localPipelineOverrides } from "./local-options.js";
import { planTaskFor } from "./local-task.js";

/**
 * What the runner executes for one pipeline: the IR with every task's command as bash and every
 * value as parts, resolved except for what only run time knows (param values, secrets).
 * `runnersFolder`: where the runner files of the build are, for tasks that run another pipeline.
 */
export function localPlanFor(pipeline: PipelineNode, runnersFolder = "local"): RunPlan {
  const overrides = localPipelineOverrides.safeParse(pipeline.overrides.local);
  if (!overrides.success) throw new Error(`internal: pipeline \`${pipeline.id}\` has unchecked .local() overrides`);
  return {
    // Types only come from the runner here; as `version` is `typeof PLAN_VERSION`, a new plan version is a type error until this follows it.
    version: 1,
    pipeline: { id: pipeline.id, name: pipeline.name, description: pipeline.description, source: pipeline.source.file },
    environment: pipeline.environment,
    environments: pipeline.environments.map((environment) => ({
      name: environment.name,
      isDefault: environment.isDefault,
      params: Object.fromEntries(environment.paramValues.map(({ name, value }) => [name, value])),
      timeoutSeconds: environment.timeoutSeconds,
    })),
    params: pipeline.params.map(({ name, type, default: fallback, values, description }) => ({ name, type, default: fallback, values, description })),
    secrets: pipeline.secrets.map(({ name, env }) => ({ name, env })),
    tasks: pipeline.tasks.map((task) => planTaskFor(pipeline, task, runnersFolder)),
    timeoutSeconds: pipeline.timeoutSeconds,
    maxConcurrentRuns: pipeline.maxConcurrentRuns,
    parallel: overrides.data.parallel ?? null,
    inert: inertLinesOf(pipeline),
  };
}
