import type { ComputeNode, EnvironmentNode, PipelineNode, TaskNode } from "@orchc/compiler";
import type { RunIf } from "@orchc/dsl";
import { asGiven, BundleReference, type BundleMap } from "./bundle-value.js";
import { dbtTask, savedSqlFields, sparkJarTask, warehouseId } from "./databricks-jar-dbt.js";
import { environmentRequirements, pythonWheelTask } from "./databricks-libraries.js";
import { workspaceId } from "./databricks-lookups.js";
import { bundlePath, databricksValue } from "./databricks-values.js";
import { quartzCron } from "./quartz-cron.js";
import { forEachTask } from "./databricks-for-each.js";

const RUN_IF: Record<RunIf, string> = {
  allSuccess: "ALL_SUCCESS",
  allDone: "ALL_DONE",
  allFailed: "ALL_FAILED",
  atLeastOneFailed: "AT_LEAST_ONE_FAILED",
  atLeastOneSuccess: "AT_LEAST_ONE_SUCCESS",
  noneFailed: "NONE_FAILED",
};

/**
 * Suffix of the condition task that follows an optional task, so that task is never a leaf. A
 * reviewer of the job graph reads its key as the task's name, who added it, and why
 * (`report__orchc_optional`); a user task may not end with it (ORC332).
 */
export const OPTIONAL_SINK_SUFFIX = "__orchc_optional";

/**
 * Key of the condition task that makes a run FAILED when a non-optional task failed; a user task
 * may not take it (ORC332).
 */
export const RUN_STATUS_TASK = "orchc_run_status";

/** Rules under which a task can run, and succeed, after an upstream failure. */
const RUNS_AFTER_FAILURE: ReadonlySet<RunIf> = new Set<RunIf>(["allDone", "allFailed", "atLeastOneFailed", "atLeastOneSuccess"]);

/**
 * Whether a failure of a non-optional task could end under successful leaves only, which
 * Databricks calls SUCCESS_WITH_FAILURES: a task that runs after a failure, or an optional
 * task after another (its always-true condition task runs even when it did not).
 */
export function needsRunStatusTask(pipeline: PipelineNode): boolean {
  return (
    pipeline.tasks.some((task) => !task.optional) &&
    pipeline.tasks.some((task) => task.dependsOn.length > 0 && (task.optional || RUNS_AFTER_FAILURE.has(task.runIf)))
  );
}

/** A Lakeflow pipeline's id, as Databricks writes it; any other name is a bundle resource key. */
export const PIPELINE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function cluster(pipeline: PipelineNode, compute: Extract<ComputeNode, { kind: "cluster" }>): BundleMap {
  return {
    spark_version: compute.sparkVersion,
    ...(compute.nodeType !== null && { node_type_id: compute.nodeType }),
    ...(compute.instancePool !== null && { instance_pool_id: workspaceId(pipeline, compute.name, "instance_pool", compute.instancePool) }),
    ...(compute.policy !== null && { policy_id: workspaceId(pipeline, compute.name, "cluster_policy", compute.policy) }),
    ...(compute.autoscale ? { autoscale: { min_workers: compute.autoscale.min, max_workers: compute.autoscale.max } } : { num_workers: compute.workers ?? 0 }),
    ...(compute.sparkConf.length > 0 && { spark_conf: Object.fromEntries(compute.sparkConf) }),
    ...(compute.env.length > 0 && { spark_env_vars: Object.fromEntries(compute.env) }),
    ...asGiven(compute.databricks),
  };
}

/** Tasks that name a serverless environment (`environment_key`); notebooks on serverless take none. */
const ENVIRONMENT_ACTIONS: ReadonlySet<string> = new Set(["sparkPython", "pythonWheel", "dbt"]);

/** Job clusters and serverless environments, for the compute the tasks use. */
export function computeSections(pipeline: PipelineNode, compute: ReadonlyArray<ComputeNode>): BundleMap {
  const used = new Set(pipeline.tasks.map((task) => task.compute));
  const clusters = compute.filter((node): node is Extract<ComputeNode, { kind: "cluster" }> => node.kind === "cluster" && used.has(node.name));
  const serverless = compute.filter(
    (node): node is Extract<ComputeNode, { kind: "serverless" }> =>
      node.kind === "serverless" && pipeline.tasks.some((task) => task.compute === node.name && ENVIRONMENT_ACTIONS.has(task.action.kind)),
  );
  return {
    ...(clusters.length > 0 && { job_clusters: clusters.map((node) => ({ job_cluster_key: node.name, new_cluster: cluster(pipeline, node) })) }),
    ...(serverless.length > 0 && {
      environments: serverless.map((node) => {
        const dependencies = [...new Set([...node.dependencies, ...environmentRequirements(pipeline, node.name)])];
        return { environment_key: node.name, spec: { environment_version: node.environmentVersion ?? "4", ...(dependencies.length > 0 && { dependencies }) } };
      }),
    }),
  };
}

function payload(pipeline: PipelineNode, task: TaskNode): BundleMap {
  const action = task.action;
  const value = (node: Parameters<typeof databricksValue>[1]) => databricksValue(pipeline, node);
  switch (action.kind) {
    case "notebook":
      return {
        notebook_task: {
          notebook_path: bundlePath(action.path),
          ...(action.params.length > 0 && { base_parameters: Object.fromEntries(action.params.map(({ name, value: node }) => [name, value(node)])) }),
          ...(action.source === "git" && { source: "GIT" }),
        },
      };
    case "sparkPython":
      return { spark_python_task: { python_file: bundlePath(action.file), ...(action.args.length > 0 && { parameters: action.args.map(value) }) } };
    case "pythonWheel":
      return pythonWheelTask(pipeline, task);
    case "lakeflowPipeline":
      return {
        pipeline_task: {
          pipeline_id: PIPELINE_ID.test(action.pipeline) ? action.pipeline : new BundleReference(`resources.pipelines.${action.pipeline}.id`),
          ...(action.fullRefresh && { full_refresh: true }),
        },
      };
    case "runPipeline":
      // The other pipeline's job is in the same bundle under its id; the CLI fills in its numeric id at deploy.
      return {
        run_job_task: {
          job_id: new BundleReference(`resources.jobs.${action.pipeline}.id`),
          ...(action.params.length > 0 && { job_parameters: Object.fromEntries(action.params.map(({ name, value: node }) => [name, value(node)])) }),
        },
      };
    case "sparkJar":
      return sparkJarTask(pipeline, task);
    case "dbt":
      return dbtTask(pipeline, task);
    case "sql": {
      return {
        sql_task: {
          ...(action.saved === null ? { file: { path: bundlePath(action.file ?? "") } } : savedSqlFields(action.saved)),
          warehouse_id: warehouseId(pipeline, action.warehouse),
          ...(action.params.length > 0 && { parameters: Object.fromEntries(action.params.map(({ name, value: node }) => [name, value(node)])) }),
        },
      };
    }
    default:
      throw new Error(`internal: ${action.kind} tasks are refused before emit`);
  }
}

function taskCompute(pipeline: PipelineNode, task: TaskNode): BundleMap {
  const compute = pipeline.compute.find((node) => node.name === task.compute);
  if (compute?.kind === "cluster") return { job_cluster_key: compute.name };
  if (compute?.kind === "existingCluster") return { existing_cluster_id: workspaceId(pipeline, compute.name, "cluster", compute.cluster) };
  if (compute?.kind === "serverless" && ENVIRONMENT_ACTIONS.has(task.action.kind)) return { environment_key: compute.name };
  return {};
}

function jobTask(pipeline: PipelineNode, task: TaskNode): BundleMap {
  const outer: BundleMap = {
    task_key: task.id,
    ...(task.description !== null && { description: task.description.slice(0, 1000) }),
    ...(task.dependsOn.length > 0 && { depends_on: task.dependsOn.map((dep) => ({ task_key: dep })) }),
    ...(task.dependsOn.length > 0 && task.runIf !== "allSuccess" && { run_if: RUN_IF[task.runIf] }),
  };
  const work: BundleMap = {
    ...taskCompute(pipeline, task),
    ...payload(pipeline, task),
    // Databricks' defaults are orchc's: no retries, retried at once, a timed-out attempt not retried.
    ...(task.retry.count > 0 && { max_retries: task.retry.count }),
    ...(task.retry.count > 0 && task.retry.delaySeconds > 0 && { min_retry_interval_millis: task.retry.delaySeconds * 1000 }),
    ...(task.retry.count > 0 && task.retry.onTimeout && { retry_on_timeout: true }),
    ...(task.timeoutSeconds !== null && { timeout_seconds: task.timeoutSeconds }),
  };
  // The user's overrides are keys of the task they wrote: the outer one, for a for-each task.
  return { ...(task.forEach === null ? { ...outer, ...work } : forEachTask(pipeline, task, outer, work)), ...asGiven(task.overrides.databricks) };
}

/**
 * An always-true condition task after each optional task: the optional task is then never a
 * leaf, and Databricks judges a run by its leaves, so its failure makes the run
 * SUCCESS_WITH_FAILURES (orchc's PARTIAL) instead of FAILED. Condition tasks need no compute.
 */
function optionalSink(task: TaskNode): BundleMap {
  return {
    task_key: `${task.id}${OPTIONAL_SINK_SUFFIX}`,
    description: `Added by orchc: ${task.id} is optional. This always-true check runs after it, so a failure of ${task.id} alone ends the run Succeeded with failures, not Failed.`,
    depends_on: [{ task_key: task.id }],
    run_if: "ALL_DONE",
    condition_task: { op: "EQUAL_TO", left: "orchc", right: "orchc" },
  };
}

/**
 * Databricks judges a run by its leaves (all succeeded, or Excluded, which counts as success →
 * SUCCESS or SUCCESS_WITH_FAILURES; a leaf failed or Upstream failed → FAILED), orchc by every
 * non-optional task. This leaf waits, with the default ALL_SUCCESS, on every non-optional task:
 * when one failed or did not run for a failure, it ends Upstream failed and the run FAILED;
 * otherwise it runs, and a condition task needs no compute and cannot fail.
 */
function runStatusTask(pipeline: PipelineNode): BundleMap {
  return {
    task_key: RUN_STATUS_TASK,
    description: "Added by orchc: this always-true check waits for every task that is not optional, so the run ends Failed when one of them failed (the check is then Upstream failed).",
    depends_on: pipeline.tasks.filter((task) => !task.optional).map((task) => ({ task_key: task.id })),
    condition_task: { op: "EQUAL_TO", left: "orchc", right: "orchc" },
  };
}

/**
 * Whether the bundle has a `mode: development` target. Every job deploys to every target, and
 * there the CLI pauses a schedule that has no `pause_status` and lets 4 runs overlap where
 * `max_concurrent_runs` is unset (its presets run before Databricks' defaults are filled in): so
 * with one, orchc writes both even at Databricks' defaults, and each target runs the job as the
 * pipeline says.
 */
export interface JobContext {
  readonly developmentTarget: boolean;
}

/** The pause a schedule or trigger gets: PAUSED for paused, UNPAUSED written out only beside a development-mode target. */
const pauseStatus = (environment: EnvironmentNode, developmentTarget: boolean): BundleMap =>
  environment.paused ? { pause_status: "PAUSED" } : developmentTarget ? { pause_status: "UNPAUSED" } : {};

/**
 * `trigger` and `continuous` from `.databricks({...})`, paused as the schedule is: PAUSED for a
 * paused pipeline or environment unless the user wrote a pause_status, and UNPAUSED written out in a
 * bundle with a development-mode target, which would pause a trigger without one.
 */
function triggerFields(environment: EnvironmentNode, developmentTarget: boolean): BundleMap {
  const fields: BundleMap = {};
  // The cross-target trigger, for the kinds Databricks has (the capability table refuses `after`);
  // the checks keep it from meeting `.databricks({ trigger | continuous })`.
  const { trigger } = environment;
  if (trigger?.kind === "fileArrival") fields.trigger = { file_arrival: { url: trigger.path }, ...pauseStatus(environment, developmentTarget) };
  if (trigger?.kind === "tableUpdate") fields.trigger = { table_update: { table_names: [...trigger.tables] }, ...pauseStatus(environment, developmentTarget) };
  for (const key of ["trigger", "continuous"] as const) {
    const setting = environment.overrides.databricks[key];
    if (typeof setting !== "object" || setting === null || Array.isArray(setting)) continue;
    const given = setting as Record<string, unknown>;
    fields[key] = { ...asGiven(given), ...(given.pause_status === undefined && pauseStatus(environment, developmentTarget)) };
  }
  return fields;
}

/** The values an environment may change, resolved for one environment. */
export function environmentFields(pipeline: PipelineNode, environment: EnvironmentNode, { developmentTarget }: JobContext): BundleMap {
  const schedule = environment.schedule === null ? null : quartzCron(environment.schedule);
  const notify = environment.notify;
  const email = {
    ...(notify.onStart.length > 0 && { on_start: [...notify.onStart] }),
    ...(notify.onSuccess.length > 0 && { on_success: [...notify.onSuccess] }),
    ...(notify.onFailure.length > 0 && { on_failure: [...notify.onFailure] }),
  };
  return {
    name: environment.namePrefix + pipeline.baseName,
    ...(schedule?.ok && {
      schedule: {
        quartz_cron_expression: schedule.expression,
        timezone_id: environment.schedule!.timezone,
        ...pauseStatus(environment, developmentTarget),
      },
    }),
    ...triggerFields(environment, developmentTarget),
    ...(environment.timeoutSeconds !== null && { timeout_seconds: environment.timeoutSeconds }),
    ...(Object.keys(email).length > 0 && { email_notifications: email }),
    ...computeSections(pipeline, environment.compute),
  };
}

/** The job fields that no environment changes. */
export function jobBody(pipeline: PipelineNode, variableOf: (param: string) => string, { developmentTarget }: JobContext): BundleMap {
  const tasks: BundleMap[] = [];
  for (const task of pipeline.tasks) {
    tasks.push(jobTask(pipeline, task));
    if (task.optional) tasks.push(optionalSink(task));
  }
  if (needsRunStatusTask(pipeline)) tasks.push(runStatusTask(pipeline));
  return {
    ...(pipeline.description !== null && { description: pipeline.description }),
    ...(pipeline.tags.length > 0 && { tags: Object.fromEntries(pipeline.tags.map((tag) => [tag, ""])) }),
    // One run at a time is Databricks' default.
    ...(pipeline.maxConcurrentRuns !== null && (pipeline.maxConcurrentRuns !== 1 || developmentTarget) && { max_concurrent_runs: pipeline.maxConcurrentRuns }),
    ...(pipeline.params.length > 0 && { parameters: pipeline.params.map((param) => ({ name: param.name, default: new BundleReference(`var.${variableOf(param.name)}`) })) }),
    tasks,
  };
}
