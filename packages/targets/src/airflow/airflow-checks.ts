import { error, warning, type Diagnostic, type IR, type PipelineNode, type TaskNode, type ValueNode } from "@orchc/compiler";
import { checkRunFromAirflow } from "./airflow-run-checks.js";
import { checkRunPipelineTimeouts } from "./airflow-run-pipeline-checks.js";
import { checkWarehouseByName } from "./airflow-lookup-checks.js";
import { airflowPipelineOverrides, airflowTaskOverrides, type AirflowOptions } from "./airflow-options.js";
import { referencesOf } from "../shared/references-of.js";
import { checkJarAndDbtTask } from "../shared/jar-dbt-tasks.js";
import { checkOutputWriters } from "../shared/output-writers.js";
import { checkWheelTask, isRemotePath, librariesOf } from "../shared/wheel-task.js";
import { VARIABLE_KEY } from "./jinja.js";
import { checkTriggerUpstreams } from "../shared/trigger-upstreams.js";

const GROUP_ID = /^[A-Za-z0-9_-]{1,200}$/;
const DATABRICKS_ACTIONS = new Set(["notebook", "sparkPython", "pythonWheel", "sparkJar", "dbt", "lakeflowPipeline", "sql"]);
const SHELL_ACTIONS = new Set(["shell", "python"]);
/** Task overrides that are BashOperator arguments: any other operator refuses them when the DAG loads. */
const BASH_ONLY_OVERRIDES = new Set(["cwd", "output_encoding"]);

/** The secrets a task's action reads (Databricks actions: parameters and arguments). */
function secretsRead(task: TaskNode): string[] {
  const action = task.action;
  const values: ValueNode[] =
    action.kind === "notebook" || action.kind === "sql"
      ? action.params.map(({ value }) => value)
      : action.kind === "sparkPython"
        ? [...action.args]
        : action.kind === "pythonWheel"
          ? [...action.parameters, ...action.namedParameters.map(({ value }) => value)]
          : action.kind === "sparkJar"
            ? [...action.parameters]
            : action.kind === "dbt"
              ? [...action.commands]
              : [];
  return [...new Set(values.flatMap((value) => referencesOf(value).flatMap((reference) => (reference.kind === "secret" ? [reference.name] : []))))];
}

/** Airflow's DAG model keeps a tag in 100 characters (TAG_MAX_LEN) and refuses the DAG otherwise. */
const TAG_MAX_LENGTH = 100;
/**
 * The longest duration orchc writes as an Airflow timedelta: the scheduler subtracts a run's
 * timeout from now and adds a retry delay to a task's end, and past Python's date range (years
 * 1-9999) that raises. 1000 years keeps every such date inside it.
 */
const MAX_DURATION_SECONDS = 1000 * 365 * 24 * 3600;
/** Airflow stores try counts and run limits in 32-bit integer columns. */
const MAX_INT32 = 2147483647;

/** Values every Airflow DAG must keep within, or it would not load (or would break the scheduler). */
function checkLimits(pipeline: PipelineNode, at: (path: Array<string | number>, taskId?: string, value?: string) => Diagnostic["subject"]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const limit = (message: string, hint: string, subject: Diagnostic["subject"]) => diagnostics.push(error("ORC310", message, { hint, subject }));
  pipeline.tags.forEach((tag, index) => {
    if (tag.length > TAG_MAX_LENGTH) limit(`tag \`${tag.slice(0, 40)}…\` is ${tag.length} characters long; Airflow refuses a DAG with a tag over ${TAG_MAX_LENGTH}`, `shorten it to at most ${TAG_MAX_LENGTH} characters`, at(["tags", index]));
  });
  const duration = (seconds: number | null, what: string, path: Array<string | number>, taskId?: string) => {
    if (seconds === null || seconds <= MAX_DURATION_SECONDS) return;
    limit(`${what} is ${seconds} s; Airflow computes dates from it, and beyond ${MAX_DURATION_SECONDS} s (1000 years) they fall outside Python's date range`, "use a shorter duration, or none for no limit", at(path, taskId));
  };
  duration(pipeline.timeoutSeconds, `the timeout of pipeline \`${pipeline.id}\``, ["timeout"]);
  if (pipeline.maxConcurrentRuns !== null && pipeline.maxConcurrentRuns > MAX_INT32) limit(`maxConcurrentRuns ${pipeline.maxConcurrentRuns} does not fit Airflow's 32-bit max_active_runs`, `use at most ${MAX_INT32}`, at(["maxConcurrentRuns"]));
  for (const task of pipeline.tasks) {
    duration(task.timeoutSeconds, `the timeout of task \`${task.id}\``, ["timeout"], task.id);
    if (task.retry.count > 0) duration(task.retry.delaySeconds, `the retry delay of task \`${task.id}\``, ["retries", "delay"], task.id);
    duration(task.retry.maxDelaySeconds, `the maximum retry delay of task \`${task.id}\``, ["retries", "maxDelay"], task.id);
    if (task.retry.count > MAX_INT32 - 1) limit(`task \`${task.id}\` retries ${task.retry.count} times; Airflow counts tries in a 32-bit column`, `use at most ${MAX_INT32 - 1} retries`, at(["retries", "count"], task.id));
  }
  return diagnostics;
}

/**
 * `dagrun_timeout` is checked by the scheduler alone (SchedulerJobRunner._schedule_dag_run, Airflow
 * 2.10 and 3.3), for every running run it examines, manual ones included; runs it does not drive
 * are never bounded. Worth a word at build time: on orchc's other targets the timeout holds everywhere.
 */
function pipelineTimeoutWarning(pipeline: PipelineNode, subject: Diagnostic["subject"]): Diagnostic {
  return warning(
    "ORC311",
    `pipeline \`${pipeline.id}\` has a timeout (${pipeline.timeoutSeconds} s), which Airflow enforces only in its scheduler (dagrun_timeout): scheduled and manually triggered runs of an unpaused DAG fail when it passes, and tasks still running end skipped; a run the scheduler does not drive (\`airflow dags test\`, dag.test(), and on Airflow 2 \`airflow dags backfill\`) is not bounded`,
    { hint: "give long tasks their own timeout, which bounds every run; see docs/airflow.md, \"Pipeline timeout\"", subject },
  );
}

/** Limits that depend on values, which the capability table cannot say. */
function checkPipeline(pipeline: PipelineNode, options: AirflowOptions, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (path: Array<string | number>, taskId?: string, value?: string) => ({ file, pipelineId: pipeline.id, path, ...(taskId && { taskId }), ...(value && { value }) });
  diagnostics.push(...checkLimits(pipeline, at));
  if (pipeline.timeoutSeconds !== null) diagnostics.push(pipelineTimeoutWarning(pipeline, at(["timeout"])));
  const pipelineOverrides = airflowPipelineOverrides.safeParse(pipeline.overrides.airflow);
  if (!pipelineOverrides.success) {
    for (const issue of pipelineOverrides.error.issues) {
      diagnostics.push(error("ORC302", `\`.airflow({...})\` on pipeline \`${pipeline.id}\`: ${issue.path.join(".") || "override"}: ${issue.message}`, { subject: at(["overrides", "airflow", ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))]) }));
    }
  }
  if (pipeline.schedule !== null) {
    for (const param of pipeline.params) {
      if (param.default !== null) continue;
      diagnostics.push(
        error("ORC301", `param \`${param.name}\` has no default, and Airflow refuses to schedule a DAG with a required param`, {
          hint: "give the param a default, or remove the schedule for this environment",
          subject: at(["params", param.name]),
        }),
      );
    }
  }
  for (const secret of pipeline.secrets) {
    if (VARIABLE_KEY.test(secret.key)) continue;
    diagnostics.push(error("ORC301", `secret \`${secret.name}\` has key \`${secret.key}\`, which orchc cannot name as an Airflow Variable`, { hint: "use letters, digits, `_`, `.` and `-` in `key`", subject: at(["secrets", secret.name]) }));
  }
  for (const task of pipeline.tasks) {
    const overrides = airflowTaskOverrides.safeParse(task.overrides.airflow);
    if (!overrides.success) {
      for (const issue of overrides.error.issues) {
        const key = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
        diagnostics.push(error("ORC302", `\`.airflow({...})\` on task \`${task.id}\`: ${key}: ${issue.message}`, { subject: at(["airflow"], task.id) }));
      }
    }
    if (task.group !== null && !GROUP_ID.test(task.group)) {
      diagnostics.push(error("ORC301", `group \`${task.group}\` is not a valid Airflow TaskGroup id`, { hint: "use letters, digits, `_` and `-` (no dots), at most 200 characters", subject: at(["group"], task.id, task.group) }));
    }
    if (task.group !== null && `${task.group}.${task.id}`.length > 250) {
      diagnostics.push(error("ORC301", `task \`${task.id}\` in group \`${task.group}\` would have an Airflow task id longer than 250 characters`, { subject: at(["group"], task.id) }));
    }
    const action = task.action;
    if (action.kind === "sql" && action.file !== null && pipeline.compute.some((candidate) => candidate.name === action.warehouse && candidate.kind === "sqlWarehouse")) {
      diagnostics.push(
        error("ORC301", `SQL file task \`${task.id}\` runs on warehouse \`${action.warehouse}\`, which the pipeline declares; a Databricks run from Airflow needs the warehouse's id, which only exists once it is created`, {
          hint: "run the SQL as a query (sql({ query }) finds the warehouse by name), name an existing warehouse by id with warehouse(\"<id>\"), or build this pipeline for the databricks target",
          subject: at(["action", "warehouse"], task.id, action.warehouse),
        }),
      );
    }
    diagnostics.push(...checkWarehouseByName(pipeline, task, file));
    const databricks = DATABRICKS_ACTIONS.has(task.action.kind);
    for (const name of databricks ? secretsRead(task) : []) {
      const secret = pipeline.secrets.find((candidate) => candidate.name === name)!;
      const query = action.kind === "sql" && action.query !== null;
      if (!query && secret.scope !== null) continue;
      diagnostics.push(
        error("ORC301", query ? `SQL query task \`${task.id}\` passes secret \`${name}\` as a parameter, which Airflow would store among the task's rendered fields` : `task \`${task.id}\` runs on Databricks and reads secret \`${name}\`, which has no Databricks secret scope`, {
          hint: query ? "read the secret inside the warehouse or notebook, or build this pipeline for the databricks target" : "declare it as `{ scope: \"<scope>\", key: \"<key>\" }`: Databricks resolves it where the task runs, and Airflow never sees the value",
          subject: at(["secrets", name], task.id),
        }),
      );
    }
    if (!SHELL_ACTIONS.has(task.action.kind)) {
      for (const key of Object.keys(task.overrides.airflow).filter((name) => BASH_ONLY_OVERRIDES.has(name))) {
        diagnostics.push(error("ORC302", `\`.airflow({ ${key} })\` on task \`${task.id}\`: only shell and python tasks (BashOperator) take \`${key}\``, { subject: at(["airflow", key], task.id) }));
      }
    }
    const compute = pipeline.compute.find((candidate) => candidate.name === task.compute);
    if (compute && !databricks && compute.kind !== "runner") {
      diagnostics.push(
        error("ORC301", `task \`${task.id}\` is a ${task.action.kind} task on ${compute.kind} compute \`${compute.name}\`, but Airflow runs shell tasks on its own workers`, {
          hint: "drop the compute from this task, or make it a notebook or sparkPython task",
          subject: at(["compute"], task.id, compute.name),
        }),
      );
    }
    if (compute?.kind === "runner") {
      diagnostics.push(
        warning("ORC301", `task \`${task.id}\` names CI runner \`${compute.name}\`, which means nothing on Airflow: it runs on Airflow's workers`, {
          hint: "use `.airflow({ queue })` or `pool` to choose workers",
          subject: at(["compute"], task.id, compute.name),
        }),
      );
    }
    diagnostics.push(...checkWheelTask(pipeline, task, file, "in a Databricks run started from Airflow"));
    diagnostics.push(
      ...checkJarAndDbtTask(pipeline, task, file, "in a Databricks run started from Airflow"),
      ...checkRunFromAirflow(pipeline, task, file),
      ...checkOutputWriters(pipeline, task, file, ["shell", "python"], "on Airflow", "writes each to a file in `$ORCHC_OUTPUTS`"),
    );
    for (const [index, library] of librariesOf(task).entries()) {
      if ((library.kind !== "whl" && library.kind !== "jar") || isRemotePath(library.path)) continue;
      diagnostics.push(
        error("ORC342", `task \`${task.id}\` installs \`${library.path}\`, a path in the project, but a Databricks run started from Airflow uploads nothing`, {
          hint: "upload the file (e.g. `databricks fs cp dist/x.whl dbfs:/Volumes/<catalog>/<schema>/<volume>/`) and name it by its workspace, volume or cloud path, or build this pipeline for the databricks target, whose bundle builds and uploads it",
          subject: at(["action", "libraries", index], task.id),
        }),
      );
    }
    // A wheel or dbt task on serverless takes the compute's environment with it (databricks-operator.ts).
    if (compute?.kind === "serverless" && task.action.kind !== "pythonWheel" && task.action.kind !== "dbt" && (compute.dependencies.length > 0 || compute.environmentVersion !== null)) {
      diagnostics.push(
        error("ORC301", `task \`${task.id}\` needs serverless dependencies or an environment version, which a one-off Databricks run from Airflow does not set`, {
          hint: "install the dependencies in the notebook, or build this pipeline for the databricks target",
          subject: at(["compute"], task.id, compute.name),
        }),
      );
    }
    if (databricks && !options.databricksProvider) {
      diagnostics.push(
        error("ORC301", `task \`${task.id}\` uses a ${task.action.kind} action, which needs the Databricks provider (databricksProvider is off)`, {
          hint: "install apache-airflow-providers-databricks and drop `--set databricksProvider=false`, or build this pipeline for the databricks target",
          subject: at(["action"], task.id),
        }),
      );
    }
    if (databricks && (task.env.length > 0 || task.workingDir !== null)) {
      diagnostics.push(
        error("ORC301", `task \`${task.id}\` runs on Databricks, where Airflow cannot set environment variables or a working directory`, {
          hint: "set environment variables on the cluster compute (`env`), or make it a shell task",
          subject: at([task.env.length > 0 ? "env" : "workingDir"], task.id),
        }),
      );
    }
    if (options.airflowVersion === 2 && task.retry.count > 0 && task.timeoutSeconds !== null && !task.retry.onTimeout) {
      diagnostics.push(
        error("ORC301", `task \`${task.id}\` must not be retried after a timeout, but Airflow 2 always retries a timed-out attempt`, {
          hint: "set `onTimeout: true` in its retries, or build for Airflow 3 (retry policies)",
          subject: at(["retries"], task.id),
        }),
      );
    }
  }
  return diagnostics;
}

export function checkForAirflow({ ir, options, fileOf }: { ir: IR; options: AirflowOptions; fileOf: (pipelineId: string) => string }): Diagnostic[] {
  return [
    ...ir.pipelines.flatMap((pipeline) => [...checkPipeline(pipeline, options, fileOf(pipeline.id)), ...checkRunPipelineTimeouts(pipeline, options, fileOf(pipeline.id))]),
    ...checkTriggerUpstreams(ir, "airflow", fileOf),
  ];
}
