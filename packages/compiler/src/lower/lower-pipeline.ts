import { isItemList, TARGET_KEYS, type Allowance, type PipelineTargetsSpec, type SecretSpec, type TaskSpec } from "@orchc/dsl";
import { projectRelativePath } from "../load/project-root.js";
import { secretEnvName } from "../check/check-identifiers.js";
import { durationSeconds } from "../check/parse-duration.js";
import type { CheckedPipeline } from "../check/check-pipelines.js";
import type { PipelineNode, PipelineTargetsNode } from "../ir/pipeline-node.js";
import type { SecretNode } from "../ir/secret-node.js";
import type { ForEachNode, TaskNode } from "../ir/task-node.js";
import { resolveEnvironment } from "./resolve-environment.js";
import { lowerAction, lowerArtifact, lowerNamedValues, mergeOverrides } from "./lower-values.js";
import { topologicalOrder } from "./topological-order.js";

function lowerSecret(name: string, secret: SecretSpec): SecretNode {
  return {
    name,
    env: secretEnvName(name, secret.env),
    scope: secret.scope ?? null,
    key: secret.key ?? name,
    description: secret.description ?? null,
  };
}

function lowerForEach(forEach: TaskSpec["forEach"]): ForEachNode | null {
  if (forEach === undefined) return null;
  const concurrency = forEach.concurrency ?? 1;
  const source = forEach.items;
  if (isItemList(source)) return { items: { kind: "static", values: source.map(String) }, concurrency };
  return { items: "$param" in source ? { kind: "param", name: source.$param } : { kind: "output", task: source.$output.task, name: source.$output.name }, concurrency };
}

function lowerTask(task: TaskSpec, defaultCompute: string | null): TaskNode {
  const retries = task.retries;
  return {
    id: task.id,
    description: task.description ?? null,
    action: lowerAction(task.action),
    dependsOn: [...new Set(task.after ?? [])],
    retry: {
      count: retries?.count ?? 0,
      delaySeconds: retries?.delay === undefined ? 0 : durationSeconds(retries.delay),
      backoff: retries?.backoff ?? "fixed",
      maxDelaySeconds: retries?.maxDelay === undefined ? null : durationSeconds(retries.maxDelay),
      onTimeout: retries?.onTimeout ?? false,
    },
    timeoutSeconds: task.timeout === undefined ? null : durationSeconds(task.timeout),
    runIf: task.runIf ?? "allSuccess",
    optional: task.optional ?? false,
    env: lowerNamedValues(task.env),
    outputs: Object.entries(task.outputs ?? {}).map(([name, type]) => ({ name, type })),
    forEach: lowerForEach(task.forEach),
    workingDir: task.workingDir ?? null,
    // Another pipeline runs on its own tasks' compute; the task that starts it needs none.
    compute: task.action.kind === "runPipeline" ? null : (task.compute ?? defaultCompute),
    group: task.group ?? null,
    tags: task.tags ?? [],
    overrides: mergeOverrides(task.overrides),
  };
}

/** Lowers one checked pipeline to the IR, resolved for `environment` (null: the base values). */
export function lowerPipeline({ loaded, spec }: CheckedPipeline, environment: string | null): PipelineNode {
  const resolved = resolveEnvironment(spec, environment);
  const index = new Map(spec.tasks.map((task, position) => [task.id, position]));
  const ordered = topologicalOrder(spec.tasks, (task) => (task.after ?? []).map((dep) => index.get(dep)!));
  return {
    id: spec.id,
    name: resolved.namePrefix + (spec.name ?? spec.id),
    baseName: spec.name ?? spec.id,
    description: spec.description ?? null,
    owner: spec.owner ?? null,
    tags: spec.tags ?? [],
    schedule: resolved.schedule,
    trigger: resolved.trigger,
    paused: resolved.paused,
    timeoutSeconds: resolved.timeoutSeconds,
    maxConcurrentRuns: spec.maxConcurrentRuns ?? null,
    params: Object.entries(spec.params ?? {}).map(([name, param]) => ({
      name,
      type: param.type,
      default: resolved.paramValues.find((value) => value.name === name)?.value ?? null,
      values: param.type === "enum" ? param.values : null,
      description: param.description ?? null,
    })),
    secrets: Object.entries(spec.secrets ?? {}).map(([name, secret]) => lowerSecret(name, secret)),
    notify: resolved.notify,
    compute: resolved.compute,
    tasks: ordered.map((task) => lowerTask(task, spec.defaultCompute ?? null)),
    environment,
    environments: Object.keys(spec.environments ?? {}).map((name) => resolveEnvironment(spec, name)),
    overrides: resolved.overrides,
    artifacts: Object.entries(spec.artifacts ?? {}).map(([key, artifact]) => lowerArtifact(key, artifact)),
    // Sorted, so two spellings of one declaration lower (and hash) alike.
    targets: spec.targets === undefined ? null : sortedTargets(spec.targets),
    source: { file: projectRelativePath(loaded), exportName: loaded.exportName },
  };
}

function sortedTargets(targets: PipelineTargetsSpec): PipelineTargetsNode {
  const sorted = (record: Readonly<Record<string, Allowance | undefined>>) =>
    Object.fromEntries(Object.entries(record).filter((entry): entry is [string, Allowance] => entry[1] !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return Object.fromEntries(TARGET_KEYS.filter((key) => targets[key] !== undefined).map((key) => [key, sorted(targets[key]!)]));
}
