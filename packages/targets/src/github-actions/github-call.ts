import { error, type Diagnostic, type IR, type ParamNode, type PipelineNode, type TaskNode, type ValueNode } from "@orchc/compiler";
import { jobConditions } from "./github-if.js";
import { emulatedTimeout } from "./github-deadline.js";
import type { GithubActionsOptions } from "./github-options.js";
import { GithubExpression, type WorkflowValue } from "./github-string.js";

type WorkflowMap = { [key: string]: WorkflowValue | undefined };
type RunPipelineAction = Extract<TaskNode["action"], { kind: "runPipeline" }>;

/**
 * A hidden input of every callable workflow, true only when another workflow calls it: the called
 * run sees its caller's `github.event_name`, so without it a call from a scheduled run would take the
 * params' defaults instead of the values passed.
 */
export const CALLED_INPUT = "orchc_called";

/** GitHub's workflow_call inputs have no choice type: an enum param is a string there. */
const CALL_INPUT_TYPES: Record<ParamNode["type"], string> = { string: "string", number: "number", boolean: "boolean", enum: "string" };

/** Whether another pipeline of the build runs this one, so its workflow must be callable. */
export const isCalled = (ir: IR, pipeline: PipelineNode): boolean =>
  ir.pipelines.some((caller) => caller.tasks.some((task) => task.action.kind === "runPipeline" && task.action.pipeline === pipeline.id));

/** `on.workflow_call`: the params as inputs (defaults as declared), the secrets as optional secrets the caller passes. */
export function workflowCall(pipeline: PipelineNode): WorkflowMap {
  const inputs = Object.fromEntries([
    ...pipeline.params.map((param) => [
      param.name,
      { ...(param.description !== null && { description: param.description }), required: param.default === null, type: CALL_INPUT_TYPES[param.type], ...(param.default !== null && { default: param.default }) },
    ]),
    [CALLED_INPUT, { description: "set by orchc: this run was started by another pipeline", required: false, type: "boolean", default: true }],
  ]);
  const secrets = Object.fromEntries(pipeline.secrets.map((secret) => [secret.env, { required: false }]));
  return { inputs, ...(pipeline.secrets.length > 0 && { secrets }) };
}

/**
 * A param's value in the caller, as an expression: the input on a manual or called run, else the
 * default. `a && b || c` yields c when b is falsy, so the form depends on whether the default is.
 */
function paramExpression(pipeline: PipelineNode, name: string): string {
  const param = pipeline.params.find((candidate) => candidate.name === name)!;
  if (param.default === null) return `inputs.${name}`;
  const fallback = typeof param.default === "string" ? `'${param.default.replaceAll("'", "''")}'` : String(param.default);
  return param.default ? `inputs.${name} == null && ${fallback} || inputs.${name}` : `inputs.${name} != null && inputs.${name} || ${fallback}`;
}

const withValue = (pipeline: PipelineNode, value: ValueNode): WorkflowValue =>
  value.kind === "literal" ? value.value : new GithubExpression(paramExpression(pipeline, (value as Extract<ValueNode, { kind: "param" }>).name));

/** A job that calls the other pipeline's workflow: GitHub runs it as part of this run and the job takes its result. */
export function callerJob(pipeline: PipelineNode, task: TaskNode, child: PipelineNode, options: GithubActionsOptions, jobId: (id: string) => string, condition: WorkflowValue | null): WorkflowMap {
  const action = task.action as RunPipelineAction;
  const inputs: WorkflowMap = Object.fromEntries(action.params.map(({ name, value }) => [name, withValue(pipeline, value)]));
  return {
    name: task.id,
    ...(task.dependsOn.length > 0 && { needs: task.dependsOn.map(jobId) }),
    ...(condition !== null && { if: condition }),
    // A called workflow's jobs get at most what the calling job has.
    permissions: { contents: "read" },
    uses: `./${options.workflowsFolder}/${child.id}.yml`,
    ...(Object.keys(inputs).length > 0 && { with: inputs }),
    ...(child.secrets.length > 0 && { secrets: Object.fromEntries(child.secrets.map((secret) => [secret.env, new GithubExpression(`secrets.${secret.env}`)])) }),
  };
}

/** What a job that calls a workflow cannot carry (steps, timeout-minutes, continue-on-error), refused at the task. */
export function checkCallerJobs(pipeline: PipelineNode, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const task of pipeline.tasks) {
    if (task.action.kind !== "runPipeline") continue;
    const refuse = (what: string, path: Array<string | number>, wayOut: string, message = `task \`${task.id}\` ${what}, which a GitHub Actions job that calls another workflow cannot carry (it has no steps, timeout-minutes or continue-on-error)`) =>
      diagnostics.push(
        error("ORC154", message, {
          hint: wayOut,
          subject: { file, pipelineId: pipeline.id, taskId: task.id, path },
        }),
      );
    if (task.retry.count > 0) refuse("has retries", ["retries"], "drop the retries on this target (give the other pipeline's tasks retries), or build this pipeline for airflow, databricks or local");
    if (task.timeoutSeconds !== null) refuse("has a timeout", ["timeout"], "give the other pipeline a timeout instead, or build this pipeline for airflow, databricks or local");
    if (task.optional) refuse("is optional", ["optional"], "make it not optional on this target, or build this pipeline for airflow, databricks or local");
    if (emulatedTimeout(pipeline) !== null) refuse("is in a pipeline whose timeout GitHub Actions emulates with a step in each job", ["action"], "drop the pipeline's timeout on this target, or build it for airflow, databricks or local");
    if (jobConditions(pipeline, task, (id) => id, false).upstreamFailed !== null) {
      refuse(
        "can end upstream_failed",
        ["runIf"],
        "start it first (no `after`), or give it a runIf that runs after failures too (allDone, atLeastOneFailed, allFailed); or build for airflow, databricks or local",
        `task \`${task.id}\` can end upstream_failed (runIf ${task.runIf} after other tasks): orchc's jobs show that with a first step that fails, and a GitHub Actions job that calls another workflow has no steps`,
      );
    }
    for (const { name, value } of task.action.params) {
      if (value.kind === "literal" || value.kind === "param") continue;
      refuse(`passes \`${name}\` as a template or run value`, ["action", "params", name], "pass a literal or one of this pipeline's params on this target");
    }
  }
  return diagnostics;
}
