import { ITEM_ENV, outputEnvName, OUTPUTS_DIR_ENV, shellQuote } from "@orchc/dsl";
import type { ParamValue, PlanTask, PlanValuePart } from "../plan.js";

export const paramEnvName = (param: string): string => `ORCHC_PARAM_${param}`;
/** The variables that hold the run's values (`run.id`, `run.date`) in a task's process, on every target. */
export const RUN_VALUE_ENV = { id: "ORCHC_RUN_ID", date: "ORCHC_RUN_DATE" } as const;

export interface TaskScriptContext {
  readonly runId: string;
  /** The UTC date the run started (`YYYY-MM-DD`): what `run.date` is in a local run. */
  readonly runDate: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Secret name → the environment variable holding its value. */
  readonly secretEnv: ReadonlyMap<string, string>;
  /** The folder each attempt of a task that declares outputs writes them in (`<dir>/<task>.<attempt>`). */
  readonly outputsDir: string;
}

/** What the tasks a script reads from wrote: task id → output name → value. */
export type OutputValues = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** Values reach the task as variables; secrets by reference, so no secret value is ever written to disk. */
function renderValue(parts: ReadonlyArray<PlanValuePart>, context: TaskScriptContext): string {
  if (parts.length === 0) return "''";
  return parts
    .map((part) => {
      if ("text" in part) return part.text === "" ? "''" : shellQuote(part.text);
      if ("param" in part) return `"\${${paramEnvName(part.param)}}"`;
      if ("run" in part) return `"\${${RUN_VALUE_ENV[part.run]}}"`;
      if ("output" in part) return `"\${${outputEnvName(part.output.task, part.output.name)}}"`;
      // The slot's shell exports the iteration's item before it sources the script.
      if ("item" in part) return `"\${${ITEM_ENV}}"`;
      return `"\${${context.secretEnv.get(part.secret)}}"`;
    })
    .join("");
}

/** Where the attempts of a task put its outputs: `<this>.<attempt>`, one file per output. */
export const outputsDirOf = (context: TaskScriptContext, taskId: string): string => `${context.outputsDir}/${taskId}`;

/** The variables of the pipeline's secrets this task does not read: removed from its environment. */
export function undeclaredSecretEnv(task: PlanTask, secretEnv: ReadonlyMap<string, string>): string[] {
  const declared = new Set(task.secrets.map((name) => secretEnv.get(name)));
  return [...new Set(secretEnv.values())].filter((env) => !declared.has(env)).sort();
}

/**
 * The file a slot's shell sources in a fresh subshell for each attempt of the task. `set +m` puts
 * whatever the task starts in its process group, so a timeout stops all of it. The task sees only
 * the secrets it declares: the others are unset before anything of it runs.
 */
export function taskScriptText(task: PlanTask, context: TaskScriptContext, outputs: OutputValues = new Map()): string {
  const lines = ["set +m"];
  const undeclared = undeclaredSecretEnv(task, context.secretEnv);
  if (undeclared.length > 0) lines.push(`unset -v ${undeclared.map(shellQuote).join(" ")}`);
  lines.push(`export ${RUN_VALUE_ENV.id}=${shellQuote(context.runId)} ${RUN_VALUE_ENV.date}=${shellQuote(context.runDate)} ORCHC_TASK_ID=${shellQuote(task.id)}`);
  for (const [name, value] of Object.entries(context.params)) lines.push(`export ${paramEnvName(name)}=${shellQuote(String(value))}`);
  // The values are data in single quotes; the session has checked each read output was written.
  for (const read of task.reads ?? []) lines.push(`export ${outputEnvName(read.task, read.name)}=${shellQuote(outputs.get(read.task)?.[read.name] ?? "")}`);
  if ((task.outputs ?? []).length > 0) {
    lines.push(`export ${OUTPUTS_DIR_ENV}=${shellQuote(outputsDirOf(context, task.id))}."\${ORCHC_ATTEMPT}"`, `mkdir -p -- "\${${OUTPUTS_DIR_ENV}}"`);
  }
  for (const { name, value } of task.env) lines.push(`export ${name}=${renderValue(value, context)}`);
  lines.push("set -euo pipefail");
  if (task.workingDir !== null) lines.push(`cd -- ${shellQuote(task.workingDir)}`);
  lines.push(task.script);
  return `${lines.join("\n")}\n`;
}
