import { actionValueSites, type ActionNode, type ForEachNode, type NamedValueNode, type PipelineNode, type TaskNode, type TemplatePartNode, type ValueNode } from "@orchc/compiler";
import type { PlanForEach, PlanTask, PlanValuePart } from "@orchc/runner/plan";
import { refusedBeforeWriting } from "../shared/databricks-only.js";
import { referencesOf } from "../shared/references-of.js";
import { shellScriptOf } from "../shared/shell-script.js";
import { localTaskOverrides } from "./local-options.js";
import { runPipelineScript } from "./local-run-pipeline.js";

type PlanEnv = PlanTask["env"][number];

/** Text stays text; references stay references, so the runner resolves them when the task starts. */
function partsOf(value: ValueNode | TemplatePartNode): PlanValuePart[] {
  switch (value.kind) {
    case "literal":
      return [{ text: String(value.value) }];
    case "text":
      return [{ text: value.text }];
    case "param":
      return [{ param: value.name }];
    case "secret":
      return [{ secret: value.name }];
    case "run":
      return [{ run: value.name }];
    case "output":
      return [{ output: { task: value.task, name: value.name } }];
    case "databricks":
      return refusedBeforeWriting(value);
    case "item":
      return [{ item: true }];
    case "template":
      return value.parts.flatMap(partsOf);
  }
}

const planEnvOf = ({ name, value }: NamedValueNode): PlanEnv => ({ name, value: partsOf(value) });

/** The list as the runner reads it when the task becomes ready; a param's or an output's value is checked then. */
function planForEachOf({ items, concurrency }: ForEachNode): PlanForEach {
  switch (items.kind) {
    case "static":
      return { items: { values: items.values }, concurrency };
    case "param":
      return { items: { param: items.name }, concurrency };
    case "output":
      return { items: { output: { task: items.task, name: items.name } }, concurrency };
  }
}


/**
 * The secrets a `.local({ command })` task reads: those its action declares (what it would be
 * handed on other targets), and those whose variable the command names (`$TOKEN`, `${TOKEN}`).
 * They are required before the run and kept in its environment like any task's.
 */
function commandSecrets(pipeline: PipelineNode, action: ActionNode, command: string): string[] {
  const declared = actionValueSites(action).flatMap((site) => referencesOf(site.value)).flatMap((reference) => (reference.kind === "secret" ? [reference.name] : []));
  const named = pipeline.secrets.filter((secret) => new RegExp(`\\$\\{?${secret.env}(?![A-Za-z0-9_])`).test(command)).map((secret) => secret.name);
  return [...declared, ...named];
}

/**
 * One task as the runner runs it. `.local({ command })` replaces the script for any action; without
 * it only shell and python actions mean something here (the target's check refuses the others first).
 */
export function planTaskFor(pipeline: PipelineNode, task: TaskNode, runnersFolder: string): PlanTask {
  const parsed = localTaskOverrides.safeParse(task.overrides.local);
  if (!parsed.success) throw new Error(`internal: task \`${task.id}\` has unchecked .local() overrides`);
  const overrides = parsed.data;
  const script =
    overrides.command !== undefined
      ? { text: overrides.command, secrets: commandSecrets(pipeline, task.action, overrides.command) }
      : task.action.kind === "runPipeline"
        ? runPipelineScript(pipeline, task.action, runnersFolder)
        : shellScriptOf(pipeline, task.action);
  if (script === null) throw new Error(`internal: task \`${task.id}\` is a ${task.action.kind} task without a local command; the local target's check refuses it`);
  // An override of a name replaces the task's own value, so each variable is set once and a secret it no longer reads is not required.
  const overridden = new Set(Object.keys(overrides.env ?? {}));
  const env: PlanEnv[] = [
    ...task.env.filter((variable) => !overridden.has(variable.name)).map(planEnvOf),
    ...Object.entries(overrides.env ?? {}).map(([name, text]) => ({ name, value: [{ text }] })),
  ];
  // `.local({ command })` replaces the script, so only the env's reads remain with it.
  const readParts = [...("outputs" in script ? script.outputs : []), ...env.flatMap((variable) => variable.value.flatMap((part) => ("output" in part ? [part.output] : [])))];
  const reads = [...new Map(readParts.map((read) => [`${read.task}\u0000${read.name}`, read])).values()];
  const envSecrets = env.flatMap((variable) => variable.value.flatMap((part) => ("secret" in part ? [part.secret] : [])));
  return {
    id: task.id,
    description: task.description,
    group: task.group,
    script: script.text,
    env,
    workingDir: overrides.workingDir ?? task.workingDir,
    dependsOn: task.dependsOn,
    retry: { count: task.retry.count, delaySeconds: task.retry.delaySeconds, backoff: task.retry.backoff, maxDelaySeconds: task.retry.maxDelaySeconds, onTimeout: task.retry.onTimeout },
    timeoutSeconds: task.timeoutSeconds,
    runIf: task.runIf,
    optional: task.optional,
    secrets: [...new Set([...script.secrets, ...envSecrets])],
    ...(task.outputs.length > 0 && { outputs: task.outputs.map(({ name, type }) => ({ name, type })) }),
    ...(reads.length > 0 && { reads }),
    ...(task.forEach !== null && { forEach: planForEachOf(task.forEach) }),
  };
}
