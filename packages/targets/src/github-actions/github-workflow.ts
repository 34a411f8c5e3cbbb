import type { ParamNode, PipelineNode, SecretNode, TaskNode, ValueNode } from "@orchc/compiler";
import { YamlCommented, YamlScalar } from "../shared/render-yaml.js";
import { ITEM_ENV, outputEnvName, OUTPUTS_DIR_ENV } from "@orchc/dsl";
import { paramEnvName, RUN_VALUE_ENV } from "../shared/reference-env.js";
import { refusedBeforeWriting } from "../shared/databricks-only.js";
import { referencesOf } from "../shared/references-of.js";
import { shellScriptOf, type ShellScript } from "../shared/shell-script.js";
import { jobConditions } from "./github-if.js";
import { PINNED_ACTIONS, type GithubActionsOptions } from "./github-options.js";
import { GithubExpression, GithubSyntax, sharedNodes, type GithubShared, type WorkflowValue } from "./github-string.js";
import { DEADLINE_JOB, deadlineJob, deadlineStep, emulatedTimeout } from "./github-deadline.js";
import { retryDelayTotal, retryScript } from "./retry-script.js";
import { CALLED_INPUT, callerJob, workflowCall } from "./github-call.js";
import { forEachJob, type ForEachJob } from "./github-for-each.js";

type WorkflowMap = { [key: string]: WorkflowValue | undefined };

/** What a workflow needs of the others: whether one calls it, and the pipelines its runPipeline tasks call. */
export interface WorkflowCalls {
  readonly called: boolean;
  readonly pipelineOf: (pipelineId: string) => PipelineNode;
}
const NO_CALLS: WorkflowCalls = { called: false, pipelineOf: (id) => { throw new Error(`internal: pipeline \`${id}\` is not in the build`); } };
type Share = (name: string, key: string, make: () => WorkflowValue) => GithubShared;

/** A step's env as a key for `share`: names, and each value's kind and text. */
function envKey(env: WorkflowMap): string {
  return Object.entries(env)
    .map(([name, value]) => {
      if (value instanceof GithubExpression) return `${name}\u0001e${value.expression}`;
      if (typeof value === "string") return `${name}\u0001s${value}`;
      throw new Error(`github-actions: env ${name} is neither text nor an expression`);
    })
    .join("\u0000");
}

const MAX_JOB_SECONDS = 5 * 24 * 3600;

const INPUT_TYPES: Record<ParamNode["type"], string> = { string: "string", number: "number", boolean: "boolean", enum: "choice" };

/** The workflow file's path, which is unique in a repository (GitHub reads one folder of workflows). */
export const workflowPath = (pipeline: PipelineNode, options: GithubActionsOptions): string => `${options.workflowsFolder}/${pipeline.id}.yml`;

function workflowInput(param: ParamNode): WorkflowMap {
  return {
    ...(param.description !== null && { description: param.description }),
    required: param.default === null,
    type: INPUT_TYPES[param.type],
    ...(param.values !== null && { options: [...param.values] }),
    ...(param.default !== null && { default: param.default }),
  };
}

/**
 * Params reach the command as ORCHC_PARAM_<name>: the input on a manual run, the default on a
 * scheduled one (whose inputs are empty). Chosen in the script rather than with `||` in an
 * expression, which would replace an empty string or `false` typed by the user. The event is read
 * from ORCHC_EVENT, an orchc name, not GITHUB_EVENT_NAME, which a task's env could also set.
 */
function paramPrologue(params: ReadonlyArray<ParamNode>): string[] {
  return params.map((param) => {
    const name = paramEnvName(param.name);
    return `if [ "\${ORCHC_EVENT}" = workflow_dispatch ]; then export ${name}="\${${name}_INPUT}"; else export ${name}="\${${name}_DEFAULT}"; fi`;
  });
}

/** Overrides are workflow syntax the user wrote for GitHub: merged last, written as given. */
const overridesOf = (overrides: Readonly<Record<string, unknown>>): WorkflowMap =>
  Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, new GithubSyntax(value)]));

/**
 * The step's environment and the script lines that export the task's env. Every value is data in
 * `env:` (escaped where it lands); the script holds only variable names. A template's text parts
 * travel as ORCHC_TEXT_<n> and are joined in the script with the params and secrets between them.
 * On a shared name orchc's own entry wins, then a secret's, then the task's literal.
 */
function stepEnvironment(pipeline: PipelineNode, task: TaskNode, script: ShellScript, params: ReadonlyArray<ParamNode>, secrets: ReadonlyArray<SecretNode>, called: boolean, forEach: ForEachJob | null) {
  const command = script.text;
  const envOfSecret = new Map(pipeline.secrets.map((secret) => [secret.name, secret.env]));
  const taskEnv: WorkflowMap = {};
  const texts: WorkflowMap = {};
  // The command goes in the job's env when it holds no `${{`, so the step's env is often the same in
  // every job and written once. Only then: act evaluates a job's env twice, where GitHub does once,
  // so text with `${{` (written as a string-literal expression) would come out evaluated on act.
  // Nor when the task's overrides write the job's `env:`, which would replace it, or an env of the step
  // takes its name (validation refuses ORCHC_ names; the target stays safe without it).
  const shadowed = task.env.some(({ name }) => name === "ORCHC_COMMAND") || secrets.some((secret) => secret.env === "ORCHC_COMMAND");
  const commandInJob = !command.includes("${{") && !shadowed && !Object.hasOwn(task.overrides.githubActions, "env");
  const orchcEnv: WorkflowMap = commandInJob ? {} : { ORCHC_COMMAND: command };
  const exports: string[] = [];
  const runValues = new Set(script.runValues);
  const outputsRead = new Map(script.outputs.map((read) => [outputEnvName(read.task, read.name), read]));
  const expand = (value: Exclude<ValueNode, { kind: "literal" | "template" }> | { kind: "text"; text: string }): string => {
    if (value.kind === "param") return `\${${paramEnvName(value.name)}}`;
    if (value.kind === "secret") return `\${${envOfSecret.get(value.name)}}`;
    if (value.kind === "run") {
      runValues.add(value.name);
      return `\${${RUN_VALUE_ENV[value.name]}}`;
    }
    if (value.kind === "output") {
      outputsRead.set(outputEnvName(value.task, value.name), value);
      return `\${${outputEnvName(value.task, value.name)}}`;
    }
    if (value.kind === "databricks") return refusedBeforeWriting(value);
    if (value.kind === "item") return `\${${ITEM_ENV}}`;
    const name = `ORCHC_TEXT_${Object.keys(texts).length}`;
    texts[name] = value.text;
    return `\${${name}}`;
  };
  for (const { name, value } of task.env) {
    if (value.kind === "literal") {
      taskEnv[name] = String(value.value);
      continue;
    }
    const parts = value.kind === "template" ? value.parts : [value];
    exports.push(`export ${name}="${parts.map(expand).join("")}"`);
  }
  // Only the run's id: a workflow run has no scheduled time (the checks refuse `run.date`).
  if (runValues.has("id")) orchcEnv[RUN_VALUE_ENV.id] = new GithubExpression("github.run_id");
  // Each output read comes from the writer's job outputs (the writer is among this job's needs).
  for (const [variable, read] of outputsRead) orchcEnv[variable] = new GithubExpression(`needs.${read.task}.outputs.${read.name}`);
  if (task.outputs.length > 0) orchcEnv[OUTPUTS_DIR_ENV] = new GithubExpression("format('{0}/orchc-outputs', runner.temp)");
  // A called run has its caller's event name, and its inputs hold the values passed (or the defaults).
  if (params.length > 0) orchcEnv.ORCHC_EVENT = new GithubExpression(called ? `inputs.${CALLED_INPUT} && 'workflow_dispatch' || github.event_name` : "github.event_name");
  for (const param of params) {
    orchcEnv[`${paramEnvName(param.name)}_INPUT`] = new GithubExpression(`inputs.${param.name}`);
    orchcEnv[`${paramEnvName(param.name)}_DEFAULT`] = param.default === null ? "" : String(param.default);
  }
  // Every iteration's step gets its item, read by the command or not: as on every target.
  if (forEach !== null) Object.assign(orchcEnv, forEach.env);
  Object.assign(orchcEnv, texts);
  const env: WorkflowMap = { ...orchcEnv };
  const secretEnv: WorkflowMap = Object.fromEntries(secrets.map((secret) => [secret.env, new GithubExpression(`secrets.${secret.env}`)]));
  for (const [name, value] of [...Object.entries(secretEnv), ...Object.entries(taskEnv)]) if (!Object.hasOwn(env, name)) env[name] = value;
  return { jobEnv: commandInJob ? { ORCHC_COMMAND: command } : null, env, prologue: [...(forEach?.prologue ?? []), ...paramPrologue(params), ...exports] };
}

/**
 * The first step of a job whose rule can leave it upstream_failed: runs only then, and fails the job
 * (an optional task's continues, and its outcome is the task's). Its id is how a reader of the run
 * tells upstream_failed from failed.
 */
function upstreamFailedStep(task: TaskNode, condition: string, share: Share): WorkflowValue {
  return share("upstream_failed", `${condition}\u0000${task.optional}\u0000${task.runIf}`, () => ({
    name: "upstream failed",
    id: "upstream_failed",
    if: new GithubExpression(condition),
    ...(task.optional && { "continue-on-error": true }),
    shell: "bash",
    run: new YamlScalar(`echo "::error::upstream_failed: not run (runIf ${task.runIf}), because a task it needs failed or was upstream_failed"\nexit 1\n`, { block: true }),
  }));
}

/**
 * workflow_run starts a run on every completion of the upstream, whatever its conclusion: each job
 * runs only after a success (PARTIAL included: optional jobs continue on error), so that a failed
 * upstream starts nothing but a run whose jobs are all skipped; and only for a run of this
 * repository's own code, never a fork's (the upstream's event could be a pull request's).
 */
const AFTER_SUCCESS =
  "(github.event_name != 'workflow_run' || github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.head_repository.full_name == github.repository)";

/**
 * zizmor flags every workflow_run ("almost always used insecurely": a privileged run acting on what a
 * fork's pull request made). orchc's jobs read nothing of the triggering run but the two fields above,
 * check out the default branch's code (not the upstream's head) without keeping the token.
 */
const WORKFLOW_RUN_REVIEWED = "zizmor: ignore[dangerous-triggers] reads only the upstream's conclusion and repository; checks out the default branch";

function taskJob(pipeline: PipelineNode, task: TaskNode, options: GithubActionsOptions, jobId: (id: string) => string, share: Share, called: boolean): WorkflowMap {
  const script = shellScriptOf(pipeline, task.action)!;
  const envReferences = task.env.flatMap(({ value }) => referencesOf(value));
  const usesReference = (kind: "param" | "secret", name: string) => envReferences.some((part) => part.kind === kind && part.name === name);
  const params = pipeline.params.filter((param) => script.params.includes(param.name) || usesReference("param", param.name));
  const secrets = pipeline.secrets.filter((secret) => script.secrets.includes(secret.name) || usesReference("secret", secret.name));
  const attempts = task.retry.count + 1;
  const deadline = emulatedTimeout(pipeline);
  // No job runs longer than 5 days (self-hosted runners; 6 hours hosted), whatever its retry delays add up to;
  // nor, with an emulated pipeline timeout, longer than the run may.
  const ownBudget = task.timeoutSeconds === null ? null : task.timeoutSeconds * attempts + retryDelayTotal(task.retry) + 10 * attempts;
  const bounds = [ownBudget, deadline].filter((bound): bound is number => bound !== null);
  const budget = bounds.length === 0 ? null : Math.min(...bounds, MAX_JOB_SECONDS);
  const runner = pipeline.compute.find((compute) => compute.name === task.compute);
  const ruled = jobConditions(pipeline, task, jobId, deadline !== null);
  const gated = pipeline.trigger?.kind === "after" && !pipeline.paused;
  const forEach = forEachJob(pipeline, task, called, ruled.upstreamFailed);
  const jobParts = [gated ? AFTER_SUCCESS : null, ruled.job, forEach?.nonEmpty ?? null].filter((part): part is string => part !== null);
  const conditions = { ...ruled, job: jobParts.length === 0 ? null : jobParts.join(" && ") };
  const { jobEnv, env, prologue } = stepEnvironment(pipeline, task, script, params, secrets, called, forEach);
  const pinned = (action: { uses: string; version: string }) => new YamlScalar(action.uses, { comment: action.version });
  // After an upstream_failed step that continues (an optional task's), the others must not run.
  const unlessUpstreamFailed = conditions.upstreamFailed !== null && task.optional ? { if: new GithubExpression("steps.upstream_failed.outcome != 'failure'") } : {};
  const steps: WorkflowValue[] = [];
  const stepEnv: WorkflowMap = deadline === null ? env : { ORCHC_DEADLINE: new GithubExpression("steps.deadline.outputs.at"), ...env };
  if (conditions.upstreamFailed !== null) steps.push(upstreamFailedStep(task, conditions.upstreamFailed, share));
  // What these steps are made of, besides constants of the workflow: whether they wait on upstream_failed.
  const stepKey = String("if" in unlessUpstreamFailed);
  if (deadline !== null) steps.push(share("deadline", stepKey, () => deadlineStep(deadline, unlessUpstreamFailed)));
  steps.push(share("checkout", stepKey, () => ({ uses: pinned(PINNED_ACTIONS.checkout), ...unlessUpstreamFailed, with: { "persist-credentials": false } })));
  if (task.action.kind === "python") steps.push(share("setup_python", stepKey, () => ({ uses: pinned(PINNED_ACTIONS.setupPython), ...unlessUpstreamFailed, with: { "python-version": options.pythonVersion } })));
  steps.push({
    name: task.id,
    id: "task",
    ...unlessUpstreamFailed,
    ...(task.optional && { "continue-on-error": true }),
    // An empty working directory is the default one, the workspace; GitHub's linters refuse it written out.
    ...(task.workingDir !== null && task.workingDir !== "" && { "working-directory": task.workingDir }),
    // The script handles failures itself; the command runs in `bash -euo pipefail`.
    shell: "bash",
    ...(Object.keys(env).length > 0 || deadline !== null ? { env: share("task_env", envKey(stepEnv), () => stepEnv) } : {}),
    run: share("task_script", `${JSON.stringify(task.retry)}\u0000${task.timeoutSeconds}\u0000${deadline}\u0000${prologue.join("\n")}\u0000${JSON.stringify(task.outputs)}`, () =>
      new YamlScalar(retryScript({ retry: task.retry, timeoutSeconds: task.timeoutSeconds, prologue, pipelineTimeoutSeconds: deadline, outputs: task.outputs }), { block: true }),
    ),
  });
  // An optional task's step continues on error, but the deadline ends the run as it does on every target: FAILED.
  if (deadline !== null && task.optional) {
    steps.push({
      name: "pipeline timeout",
      if: new GithubExpression("!cancelled() && steps.task.outputs.deadline == 'reached'"),
      shell: "bash",
      run: new YamlScalar(`echo "::error::the pipeline's timeout of ${deadline}s was reached"\nexit 1\n`, { block: true }),
    });
  }
  const outcome = conditions.upstreamFailed === null ? "steps.task.outcome" : "steps.upstream_failed.outcome == 'failure' && 'failure' || steps.task.outcome";
  const needs = [...(deadline !== null ? [DEADLINE_JOB] : []), ...task.dependsOn.map(jobId)];
  return {
    name: task.id,
    ...(needs.length > 0 && { needs }),
    ...(conditions.job !== null && { if: share("run_if", conditions.job, () => new GithubExpression(conditions.job!)) }),
    ...(forEach !== null && { strategy: forEach.strategy }),
    "runs-on": runner?.kind === "runner" ? (runner.runsOn.length === 1 ? runner.runsOn[0]! : [...runner.runsOn]) : options.runner,
    ...(budget !== null && { "timeout-minutes": Math.ceil(budget / 60) + 5 }),
    permissions: share("permissions", "", () => ({ contents: "read" })),
    ...(jobEnv !== null && { env: jobEnv }),
    ...((task.optional || task.outputs.length > 0) && {
      outputs: {
        ...(task.optional && { orchc_outcome: new GithubExpression(outcome) }),
        ...Object.fromEntries(task.outputs.map(({ name }) => [name, new GithubExpression(`steps.task.outputs.${name}`)])),
      },
    }),
    steps,
    ...overridesOf(task.overrides.githubActions),
  };
}

/**
 * One pipeline as a workflow: a job per task, `needs` from dependencies, `if:` from run rules.
 * Concurrency is always stated: maxConcurrentRuns 1 queues every run of this workflow file in one
 * group named after the file (unique in the repository, unlike the workflow's display name); without
 * it each run has a group of its own, so runs are not limited, as on the other targets.
 */
export function workflowFor(pipeline: PipelineNode, options: GithubActionsOptions, workflowNameOf: (pipelineId: string) => string = (id) => id, calls: WorkflowCalls = NO_CALLS): WorkflowMap {
  const jobId = (id: string) => id;
  const { schedule, trigger } = pipeline;
  const on: WorkflowMap = {
    ...(schedule !== null && !pipeline.paused && {
      schedule: [{ cron: schedule.expression, ...(schedule.timezone !== "UTC" && { timezone: schedule.timezone }) }],
    }),
    ...(trigger?.kind === "after" && !pipeline.paused && { workflow_run: new YamlCommented(WORKFLOW_RUN_REVIEWED, { workflows: trigger.pipelines.map(workflowNameOf), types: ["completed"] }) }),
    workflow_dispatch: pipeline.params.length > 0 ? { inputs: Object.fromEntries(pipeline.params.map((param) => [param.name, workflowInput(param)])) } : {},
    ...(calls.called && { workflow_call: workflowCall(pipeline) }),
  };
  const deadline = emulatedTimeout(pipeline);
  const share = sharedNodes();
  const tasks = pipeline.tasks.map((task) => {
    if (task.action.kind !== "runPipeline") return taskJob(pipeline, task, options, jobId, share, calls.called);
    const condition = jobConditions(pipeline, task, jobId, deadline !== null).job;
    return callerJob(pipeline, task, calls.pipelineOf(task.action.pipeline), options, jobId, condition === null ? null : share("run_if", condition, () => new GithubExpression(condition)));
  });
  // A called workflow runs under its caller's run id: the same group would deadlock the two.
  const ownGroup = calls.called ? new GithubExpression(`format('{0}-{1}', '${workflowPath(pipeline, options)}', github.run_id)`) : new GithubExpression("github.run_id");
  const group: WorkflowValue = pipeline.maxConcurrentRuns === 1 ? workflowPath(pipeline, options) : ownGroup;
  return {
    name: pipeline.name,
    on,
    permissions: {},
    concurrency: { group, "cancel-in-progress": false },
    jobs: Object.fromEntries([
      ...(deadline === null ? [] : [[DEADLINE_JOB, deadlineJob(deadline, tasks[0]!["runs-on"]!)] as const]),
      ...pipeline.tasks.map((task, index) => [jobId(task.id), tasks[index]!] as const),
    ]),
    ...overridesOf(pipeline.overrides.githubActions),
  };
}
