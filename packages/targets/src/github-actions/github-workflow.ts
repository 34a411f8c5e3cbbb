import type { ParamNode, PipelineNode, TaskNode } from "@orchc/compiler";
import { shellQuote } from "@orchc/dsl";
import { YamlScalar, type YamlValue } from "../shared/render-yaml.js";
import { paramEnvName } from "../shared/reference-env.js";
import { shellScriptOf } from "../shared/shell-script.js";
import { jobCondition } from "./github-if.js";
import { PINNED_ACTIONS, type GithubActionsOptions } from "./github-options.js";
import { retryDelays, retryScript } from "./retry-script.js";

type YamlMap = { [key: string]: YamlValue | undefined };

/** GitHub evaluates `${{` anywhere in a workflow string; this spelling yields it literally. */
export const expressionLiteral = (text: string): string => text.replaceAll("${{", "${{ '${{' }}");

const INPUT_TYPES: Record<ParamNode["type"], string> = { string: "string", number: "number", boolean: "boolean", enum: "choice" };

function workflowInput(param: ParamNode): YamlMap {
  return {
    ...(param.description !== null && { description: expressionLiteral(param.description) }),
    required: param.default === null,
    type: INPUT_TYPES[param.type],
    ...(param.values !== null && { options: param.values.map(expressionLiteral) }),
    ...(param.default !== null && { default: typeof param.default === "string" ? expressionLiteral(param.default) : param.default }),
  };
}

/**
 * Params reach the command as ORCHC_PARAM_<name>: the input on a manual run, the default on a
 * scheduled one (whose inputs are empty). Chosen in the script rather than with `||` in an
 * expression, which would replace an empty string or `false` typed by the user.
 */
function paramPrologue(params: ReadonlyArray<ParamNode>): string[] {
  return params.map((param) => {
    const name = paramEnvName(param.name);
    return `if [ "\${GITHUB_EVENT_NAME}" = workflow_dispatch ]; then export ${name}="\${${name}_INPUT}"; else export ${name}="\${${name}_DEFAULT}"; fi`;
  });
}

function taskJob(pipeline: PipelineNode, task: TaskNode, options: GithubActionsOptions, jobId: (id: string) => string): YamlMap {
  const script = shellScriptOf(pipeline, task.action)!;
  const envReferences = task.env.flatMap(({ value }): ReadonlyArray<{ kind: string; name?: string }> => (value.kind === "template" ? value.parts : [value]));
  const usesReference = (kind: "param" | "secret", name: string) => envReferences.some((part) => part.kind === kind && part.name === name);
  const params = pipeline.params.filter((param) => script.params.includes(param.name) || usesReference("param", param.name));
  const secrets = pipeline.secrets.filter((secret) => script.secrets.includes(secret.name) || usesReference("secret", secret.name));
  const env: YamlMap = { ORCHC_COMMAND: expressionLiteral(script.text) };
  for (const param of params) {
    env[`${paramEnvName(param.name)}_INPUT`] = `\${{ inputs.${param.name} }}`;
    env[`${paramEnvName(param.name)}_DEFAULT`] = param.default === null ? "" : expressionLiteral(String(param.default));
  }
  for (const secret of secrets) env[secret.env] = `\${{ secrets.${secret.env} }}`;
  const prologue = paramPrologue(params);
  for (const { name, value } of task.env) {
    if (value.kind === "literal") {
      env[name] = expressionLiteral(String(value.value));
      continue;
    }
    const parts = value.kind === "template" ? value.parts : [value];
    const shellValue = parts
      .map((part) =>
        part.kind === "text"
          ? shellQuote(part.text)
          : part.kind === "param"
            ? `"\${${paramEnvName(part.name)}}"`
            : `"\${${pipeline.secrets.find((secret) => secret.name === part.name)!.env}}"`,
      )
      .join("");
    prologue.push(`export ${name}=${shellValue}`);
  }
  const attempts = task.retry.count + 1;
  const budget = task.timeoutSeconds === null ? null : task.timeoutSeconds * attempts + retryDelays(task.retry).reduce((sum, delay) => sum + delay, 0) + 10 * attempts;
  const runner = pipeline.compute.find((compute) => compute.name === task.compute);
  const condition = jobCondition(pipeline, task, jobId);
  const pinned = (action: { uses: string; version: string }) => new YamlScalar(action.uses, { comment: action.version });
  const steps: YamlValue[] = [{ uses: pinned(PINNED_ACTIONS.checkout), with: { "persist-credentials": false } }];
  if (task.action.kind === "python") steps.push({ uses: pinned(PINNED_ACTIONS.setupPython), with: { "python-version": options.pythonVersion } });
  steps.push({
    name: task.id,
    id: "task",
    ...(task.optional && { "continue-on-error": true }),
    ...(task.workingDir !== null && { "working-directory": expressionLiteral(task.workingDir) }),
    // The script uses bash arrays and handles failures itself; the command runs in `bash -euo pipefail`.
    shell: "bash",
    env,
    run: new YamlScalar([...prologue, retryScript({ retry: task.retry, timeoutSeconds: task.timeoutSeconds })].join("\n"), { block: true }),
  });
  return {
    name: task.id,
    ...(task.dependsOn.length > 0 && { needs: task.dependsOn.map(jobId) }),
    ...(condition !== null && { if: `\${{ ${condition} }}` }),
    "runs-on": runner?.kind === "runner" ? (runner.runsOn.length === 1 ? runner.runsOn[0]! : [...runner.runsOn]) : options.runner,
    ...(budget !== null && { "timeout-minutes": Math.ceil(budget / 60) + 5 }),
    permissions: { contents: "read" },
    ...(task.optional && { outputs: { orchc_outcome: "${{ steps.task.outcome }}" } }),
    steps,
    ...task.overrides.githubActions,
  };
}

/** One pipeline as a workflow: a job per task, `needs` from dependencies, `if:` from run rules. */
export function workflowFor(pipeline: PipelineNode, options: GithubActionsOptions): YamlMap {
  const jobId = (id: string) => id;
  const schedule = pipeline.schedule;
  const on: YamlMap = {
    ...(schedule !== null && !pipeline.paused && {
      schedule: [{ cron: schedule.expression, ...(schedule.timezone !== "UTC" && { timezone: schedule.timezone }) }],
    }),
    workflow_dispatch: pipeline.params.length > 0 ? { inputs: Object.fromEntries(pipeline.params.map((param) => [param.name, workflowInput(param)])) } : {},
  };
  return {
    name: expressionLiteral(pipeline.name),
    on,
    permissions: {},
    ...(pipeline.maxConcurrentRuns === 1 && { concurrency: { group: "${{ github.workflow }}", "cancel-in-progress": false } }),
    jobs: Object.fromEntries(pipeline.tasks.map((task) => [jobId(task.id), taskJob(pipeline, task, options, jobId)])),
    ...pipeline.overrides.githubActions,
  };
}
