import type { PipelineNode, TaskNode } from "@orchc/compiler";
import { shellScriptOf } from "../shared/shell-script.js";
import { ITEM_ENV, outputEnvName } from "@orchc/dsl";
import { paramEnvName, RUN_VALUE_ENV } from "../shared/reference-env.js";
import type { AirflowOptions } from "./airflow-options.js";
import { TRIGGER_RULES } from "./airflow-runif.js";
import { databricksRunPayload } from "./databricks-operator.js";
import { hasItemsStep } from "./for-each.js";
import { ITEM_EXPRESSION, jinjaPieces, noSecretHere, outputExpression, paramPiece, readsSecret, RUN_VALUE_EXPRESSIONS, type JinjaPiece } from "./jinja.js";
import { outputHooks } from "./task-outputs.js";
import { call, code, dict, list, printPy, pyValue, str, template, type Py } from "./python-source.js";
import { secretEnvHook, secretEnvParts } from "./secret-env.js";
import { TEMPLATING, templatedArgument } from "./templated-fields.js";
import { triggerDagRunArguments } from "./trigger-dag-run.js";

export interface OperatorCall {
  readonly operator: "BashOperator" | "DatabricksSubmitRunOperator" | "DatabricksSqlOperator" | "TriggerDagRunOperator";
  readonly args: Array<[string, Py]>;
}

const seconds = (value: number): Py => code(`datetime.timedelta(seconds=${value})`);

/** The module-level retry policy of every task whose timed-out attempt is not retried (Airflow 3). */
export const NO_RETRY_ON_TIMEOUT = "orchc_no_retry_on_timeout";

/** Its definition, said once per DAG module rather than in each task. */
export function noRetryOnTimeoutSource(): string {
  const policy = call("ExceptionRetryPolicy", [
    ["rules", list([call("RetryRule", [["exception", str("airflow.sdk.exceptions.AirflowTaskTimeout")], ["action", code("RetryAction.FAIL")]])])],
  ]);
  return `# Airflow retries a timed-out attempt unless a retry policy says otherwise.\n${NO_RETRY_ON_TIMEOUT} = ${printPy(policy, 0)}`;
}

/**
 * Retries, timeout and trigger rule: the arguments every operator takes, in one place. No retries is
 * said once, in the DAG's default_args (airflow-dag.ts): Airflow's own default is the deployment's
 * `core.default_task_retries`, not orchc's none.
 */
function commonArguments(task: TaskNode, options: AirflowOptions): Array<[string, Py]> {
  const args: Array<[string, Py]> = [];
  const retry = task.retry;
  // Always explicit: Airflow's default delay (300 s) is not orchc's (none).
  if (retry.count > 0) args.push(["retries", code(String(retry.count))], ["retry_delay", seconds(retry.delaySeconds)]);
  if (retry.count > 0 && retry.backoff === "exponential") {
    args.push(["retry_exponential_backoff", code(options.airflowVersion === 3 ? "2.0" : "True")]);
    if (retry.maxDelaySeconds !== null) args.push(["max_retry_delay", seconds(retry.maxDelaySeconds)]);
  }
  const timeout = task.timeoutSeconds;
  if (timeout !== null) args.push(["execution_timeout", seconds(timeout)]);
  if (options.airflowVersion === 3 && retry.count > 0 && timeout !== null && !retry.onTimeout) args.push(["retry_policy", code(NO_RETRY_ON_TIMEOUT)]);
  // A task over a list known at run time waits for its items step, which takes its rule (airflow-dag.ts).
  if (task.runIf !== "allSuccess" && !hasItemsStep(task)) args.push(["trigger_rule", str(TRIGGER_RULES[task.runIf])]);
  // Airflow's own limit on a mapped task's running instances in one run.
  if (task.forEach !== null) args.push(["max_active_tis_per_dagrun", code(String(task.forEach.concurrency))]);
  if (task.description !== null) args.push(["doc_md", str(task.description)]);
  return args;
}

function bashOperator(pipeline: PipelineNode, task: TaskNode): OperatorCall {
  const script = shellScriptOf(pipeline, task.action)!;
  const command: JinjaPiece[] = [{ text: `set -euo pipefail\n${script.text}` }];
  // Airflow runs a command that ends in .sh or .bash, once rendered, as a script file: a space keeps it inline.
  const last = command.at(-1)!;
  if ("text" in last && TEMPLATING.BashOperator.ext.some((ext) => last.text.endsWith(ext))) command.push({ text: " " });
  const env: Array<[string, Py]> = [];
  const secretEnv: Array<[string, Py]> = [];
  for (const { name, value } of task.env) {
    if (readsSecret(value)) secretEnv.push([name, secretEnvParts(pipeline, value)]);
    else env.push([name, template(jinjaPieces(pipeline, value, noSecretHere))]);
  }
  for (const name of script.params) env.push([paramEnvName(name), template([paramPiece(pipeline, name)])]);
  for (const name of script.runValues) env.push([RUN_VALUE_ENV[name], template([{ expression: RUN_VALUE_EXPRESSIONS[name] }])]);
  for (const read of script.outputs) env.push([outputEnvName(read.task, read.name), template([{ expression: outputExpression(pipeline, read.task, read.name) }])]);
  if (task.forEach !== null) env.push([ITEM_ENV, template([{ expression: ITEM_EXPRESSION }])]);
  for (const name of script.secrets) secretEnv.push([pipeline.secrets.find((secret) => secret.name === name)!.env, secretEnvParts(pipeline, { kind: "secret", name })]);
  const args: Array<[string, Py]> = [["bash_command", template(command)]];
  if (env.length > 0) args.push(["env", dict(env)]);
  // Without it, `env` replaces the worker's environment, PATH included.
  if (env.length > 0 || secretEnv.length > 0 || task.outputs.length > 0) args.push(["append_env", code("True")]);
  const secretHook = secretEnv.length > 0 ? secretEnvHook(secretEnv) : null;
  if (task.outputs.length > 0) args.push(...outputHooks(task, secretHook));
  else if (secretHook !== null) args.push(["pre_execute", secretHook]);
  if (secretEnv.length > 0) {
    // The BashOperator stores its last output line as an XCom, which Airflow does not mask: a task
    // that reads a secret publishes nothing (`.airflow({ do_xcom_push: true })` turns it back on).
    args.push(["do_xcom_push", code("False")]);
  }
  if (task.workingDir !== null) args.push(["cwd", str(task.workingDir)]);
  return { operator: "BashOperator", args };
}

function databricksOperator(pipeline: PipelineNode, task: TaskNode, options: AirflowOptions): OperatorCall {
  const action = task.action;
  if (action.kind === "sql" && action.query !== null) {
    const warehouse = pipeline.compute.find((candidate) => candidate.name === action.warehouse);
    const args: Array<[string, Py]> = [
      ["databricks_conn_id", str(options.databricksConnId)],
      // A warehouse the pipeline declares has no id until the bundle creates it, and one named by name
      // has none here: the provider looks either up by name (sql_endpoint_name).
      warehouse?.kind === "sqlWarehouse"
        ? ["sql_endpoint_name", str(warehouse.warehouseName)]
        : warehouse?.kind === "warehouse" && warehouse.warehouse.by === "name"
          ? ["sql_endpoint_name", str(warehouse.warehouse.value)]
          : ["http_path", str(`/sql/1.0/warehouses/${warehouse?.kind === "warehouse" ? warehouse.warehouse.value : ""}`)],
      ["sql", str(action.query)],
    ];
    // Secrets in SQL parameters are refused before emit (airflow-checks.ts).
    if (action.params.length > 0) args.push(["parameters", dict(action.params.map(({ name, value }) => [name, template(jinjaPieces(pipeline, value, noSecretHere))]))]);
    return { operator: "DatabricksSqlOperator", args };
  }
  return {
    operator: "DatabricksSubmitRunOperator",
    args: [
      ["databricks_conn_id", str(options.databricksConnId)],
      ["json", databricksRunPayload(pipeline, task)],
    ],
  };
}

/** The operator call for one task, with `.airflow({...})` arguments merged last. */
export function operatorCall(pipeline: PipelineNode, task: TaskNode, options: AirflowOptions): OperatorCall {
  const shellLike = task.action.kind === "shell" || task.action.kind === "python";
  const operator: OperatorCall = shellLike
    ? bashOperator(pipeline, task)
    : task.action.kind === "runPipeline"
      ? { operator: "TriggerDagRunOperator", args: triggerDagRunArguments(pipeline, task, options.airflowVersion) }
      : databricksOperator(pipeline, task, options);
  const merged = new Map<string, Py>([["task_id", str(task.id)], ...operator.args, ...commonArguments(task, options)]);
  for (const [name, value] of Object.entries(task.overrides.airflow)) merged.set(name, pyValue(value));
  // Escaped last, where each value lands: overrides such as `cwd` are data too.
  return { operator: operator.operator, args: [...merged].map(([name, value]) => [name, templatedArgument(operator.operator, name, value, options.airflowVersion)]) };
}
