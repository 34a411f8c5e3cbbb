import type { PipelineNode, TaskNode } from "@orchc/compiler";
import { shellScriptOf } from "../shared/shell-script.js";
import { paramEnvName } from "../shared/reference-env.js";
import type { AirflowOptions } from "./airflow-options.js";
import { TRIGGER_RULES } from "./airflow-runif.js";
import { databricksRunPayload } from "./databricks-operator.js";
import { jinjaLiteral, jinjaReference, jinjaValue } from "./jinja.js";
import { criticalTaskScript, optionalTaskScript } from "./optional-task-script.js";
import { call, code, dict, list, pyValue, str, type Py } from "./python-source.js";

export interface OperatorCall {
  readonly operator: "BashOperator" | "DatabricksSubmitRunOperator" | "DatabricksSqlOperator";
  readonly args: Array<[string, Py]>;
}

const seconds = (value: number): Py => code(`datetime.timedelta(seconds=${value})`);

/** Retries, timeout and trigger rule: the arguments every operator takes, in one place. */
function commonArguments(task: TaskNode, options: AirflowOptions): Array<[string, Py]> {
  const args: Array<[string, Py]> = [];
  const retry = task.retry;
  args.push(["retries", code(String(retry.count))]);
  // Always explicit: Airflow's default delay (300 s) is not orchc's (none).
  if (retry.count > 0) args.push(["retry_delay", seconds(retry.delaySeconds)]);
  if (retry.count > 0 && retry.backoff === "exponential") {
    args.push(["retry_exponential_backoff", code(options.airflowVersion === 3 ? "2.0" : "True")]);
    if (retry.maxDelaySeconds !== null) args.push(["max_retry_delay", seconds(retry.maxDelaySeconds)]);
  }
  if (task.timeoutSeconds !== null) args.push(["execution_timeout", seconds(task.timeoutSeconds)]);
  if (options.airflowVersion === 3 && retry.count > 0 && task.timeoutSeconds !== null && !retry.onTimeout) {
    // Airflow retries a timed-out attempt unless a retry policy says otherwise.
    args.push([
      "retry_policy",
      call("ExceptionRetryPolicy", [
        [
          "rules",
          list([
            call("RetryRule", [
              ["exception", str("airflow.sdk.exceptions.AirflowTaskTimeout")],
              ["action", code("RetryAction.FAIL")],
            ]),
          ]),
        ],
      ]),
    ]);
  }
  if (task.runIf !== "allSuccess") args.push(["trigger_rule", str(TRIGGER_RULES[task.runIf])]);
  if (task.description !== null) args.push(["doc_md", str(task.description)]);
  return args;
}

function bashOperator(pipeline: PipelineNode, task: TaskNode): OperatorCall {
  const script = shellScriptOf(pipeline, task.action)!;
  const command = jinjaLiteral(script.text);
  let text = task.optional ? optionalTaskScript(command) : criticalTaskScript(command);
  // A command ending in .sh or .bash would be read by Airflow as a template file name.
  if (/\.(sh|bash)$/.test(text)) text += " ";
  const env: Array<[string, Py]> = [
    ...task.env.map(({ name, value }): [string, Py] => [name, str(jinjaValue(pipeline, value))]),
    ...script.params.map((name): [string, Py] => [paramEnvName(name), str(jinjaReference(pipeline, { kind: "param", name }))]),
    ...script.secrets.map((name): [string, Py] => [pipeline.secrets.find((secret) => secret.name === name)!.env, str(jinjaReference(pipeline, { kind: "secret", name }))]),
  ];
  const args: Array<[string, Py]> = [["bash_command", str(text)]];
  if (env.length > 0) {
    args.push(["env", dict(env)]);
    // Without it, `env` replaces the worker's environment, PATH included.
    args.push(["append_env", code("True")]);
  }
  if (task.workingDir !== null) args.push(["cwd", str(jinjaLiteral(task.workingDir))]);
  // Exit code 99 means "skipped" to Airflow; only the optional-task wrapper may use it.
  args.push(["skip_on_exit_code", code(task.optional ? "99" : "None")]);
  return { operator: "BashOperator", args };
}

function databricksOperator(pipeline: PipelineNode, task: TaskNode, options: AirflowOptions): OperatorCall {
  const action = task.action;
  if (action.kind === "sql" && action.query !== null) {
    const warehouse = pipeline.compute.find((candidate) => candidate.name === action.warehouse);
    const args: Array<[string, Py]> = [
      ["databricks_conn_id", str(options.databricksConnId)],
      // A warehouse the pipeline declares has no id until the bundle creates it: Airflow looks it up by
      // name (not a templated field, so the name is not Jinja-escaped).
      warehouse?.kind === "sqlWarehouse"
        ? ["sql_endpoint_name", str(warehouse.warehouseName)]
        : ["http_path", str(`/sql/1.0/warehouses/${warehouse?.kind === "warehouse" ? warehouse.id : ""}`)],
      ["sql", str(jinjaLiteral(action.query))],
    ];
    if (action.params.length > 0) args.push(["parameters", dict(action.params.map(({ name, value }) => [name, str(jinjaValue(pipeline, value))]))]);
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
  const operator = shellLike ? bashOperator(pipeline, task) : databricksOperator(pipeline, task, options);
  const merged = new Map<string, Py>([["task_id", str(task.id)], ...operator.args, ...commonArguments(task, options)]);
  for (const [name, value] of Object.entries(task.overrides.airflow)) merged.set(name, pyValue(value));
  return { operator: operator.operator, args: [...merged] };
}
