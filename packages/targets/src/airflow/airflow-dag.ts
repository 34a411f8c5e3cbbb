import type { ParamNode, PipelineNode } from "@orchc/compiler";
import type { AirflowOptions } from "./airflow-options.js";
import { noRetryOnTimeoutSource, operatorCall } from "./airflow-task.js";
import { renderDagModule } from "./dag-template.js";
import { notificationCallbacks } from "./notifications.js";
import { call, code, dict, list, printPy, pyString, pyValue, str, type Py } from "./python-source.js";
import { pythonVariables } from "./python-names.js";
import { secretEnvHelperSource, secretEnvImports, usesSecretEnv } from "./secret-env.js";
import { OUTPUT_HELPER_MODULES, outputHelperSource, usesOutputHelpers } from "./task-outputs.js";
import { afterSchedule, assetImports, successAsset } from "./pipeline-assets.js";
import { statusOperators, statusTasks } from "./status-watcher.js";
import { TRIGGER_DAG_RUN_MODULE } from "./trigger-dag-run.js";
import { expandArguments, FAIL_EXCEPTION, FAIL_EXCEPTION_MODULE, forEachClass, forEachClassSource, ITEMS_HELPER_MODULES, itemsHelperSource, itemsStepArguments, itemsStepIds, PYTHON_OPERATOR_MODULE } from "./for-each.js";

const PARAM_TYPES: Record<ParamNode["type"], string> = { string: "string", number: "number", boolean: "boolean", enum: "string" };

function paramDeclaration(param: ParamNode): Py {
  const args: Array<[string | null, Py]> = [];
  if (param.default !== null) args.push([null, pyValue(param.default)]);
  args.push(["type", str(PARAM_TYPES[param.type])]);
  if (param.values !== null) args.push(["enum", list(param.values.map(str))]);
  if (param.description !== null) args.push(["description", str(param.description)]);
  return call("Param", args);
}

function startDate(pipeline: PipelineNode, options: AirflowOptions): Py {
  const written = (pipeline.overrides.airflow.startDate as string | undefined) ?? options.startDate;
  const [year, month, day] = written.split("-").map(Number);
  return code(`pendulum.datetime(${year}, ${month}, ${day}, tz=${pyString(pipeline.schedule?.timezone ?? "UTC")})`);
}

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What every task says alike, said once: no retries (Airflow's default is the deployment's
 * `core.default_task_retries`, orchc's is none; a task with retries says so itself) and, for the
 * BashOperator, no exit code that means skipped (Airflow's default is 99; to orchc it is a failure like
 * any other). Airflow gives a task only the defaults its operator takes. A pipeline's
 * `.airflow({ default_args })` is merged over these, key by key.
 */
function defaultArgs(pipeline: PipelineNode): Py {
  const args: Array<[string, Py]> = [];
  if (pipeline.owner !== null) args.push(["owner", str(pipeline.owner)]);
  args.push(["retries", code("0")]);
  if (pipeline.tasks.some((task) => task.action.kind === "shell" || task.action.kind === "python")) args.push(["skip_on_exit_code", code("None")]);
  const overrides = pipeline.overrides.airflow.default_args;
  if (overrides === undefined) return dict(args);
  if (!isPlainObject(overrides)) return pyValue(overrides);
  const merged = new Map(args);
  for (const [name, value] of Object.entries(overrides)) merged.set(name, pyValue(value));
  return dict([...merged]);
}

function dagArguments(pipeline: PipelineNode, options: AirflowOptions): Array<[string, Py]> {
  const args: Array<[string, Py]> = [["dag_id", str(pipeline.id)]];
  if (pipeline.name !== pipeline.id) args.push(["dag_display_name", str(pipeline.name)]);
  if (pipeline.description !== null) args.push(["description", str(pipeline.description)]);
  args.push(["schedule", pipeline.schedule === null ? (afterSchedule(pipeline, options.airflowVersion) ?? code("None")) : str(pipeline.schedule.preset ?? pipeline.schedule.expression)]);
  args.push(["start_date", startDate(pipeline, options)]);
  args.push(["catchup", code("False")]);
  args.push(["is_paused_upon_creation", code(pipeline.paused ? "True" : "False")]);
  if (pipeline.maxConcurrentRuns !== null) args.push(["max_active_runs", code(String(pipeline.maxConcurrentRuns))]);
  if (pipeline.timeoutSeconds !== null) args.push(["dagrun_timeout", code(`datetime.timedelta(seconds=${pipeline.timeoutSeconds})`)]);
  if (pipeline.tags.length > 0) args.push(["tags", list(pipeline.tags.map(str))]);
  args.push(["default_args", defaultArgs(pipeline)]);
  if (pipeline.params.length > 0) args.push(["params", dict(pipeline.params.map((param) => [param.name, paramDeclaration(param)]))]);
  args.push(...notificationCallbacks(pipeline, options.smtpConnId, options.airflowVersion));
  const merged = new Map(args);
  for (const [name, value] of Object.entries(pipeline.overrides.airflow)) if (name !== "startDate" && name !== "default_args") merged.set(name, pyValue(value));
  return [...merged];
}

/** `from module import a, b`, wrapped in parentheses the way ruff does when the line would pass 88 columns. */
function fromImport(module: string, names: ReadonlyArray<string>): string {
  const line = `from ${module} import ${names.join(", ")}`;
  return line.length <= 88 ? line : `from ${module} import (\n${names.map((name) => `    ${name},\n`).join("")})`;
}

function importGroups(pipeline: PipelineNode, options: AirflowOptions, operators: ReadonlySet<string>, usesRetryPolicy: boolean, usesTimedelta: boolean, usesSecrets: boolean, assets: ReadonlyArray<string>, usesOutputs: boolean, usesItems: boolean): string[][] {
  const v3 = options.airflowVersion === 3;
  const sdk = [...assets, "DAG", ...(pipeline.params.length > 0 ? ["Param"] : []), ...(pipeline.tasks.some((task) => task.group !== null) ? ["TaskGroup"] : [])];
  const secretImports = usesSecrets ? secretEnvImports(options.airflowVersion) : [];
  const from = (module: string) => secretImports.filter(([source]) => source === module).map(([, name]) => name);
  const thirdParty = ["import pendulum"];
  const failImport = usesItems ? [fromImport(FAIL_EXCEPTION_MODULE[options.airflowVersion], [FAIL_EXCEPTION])] : [];
  if (v3) thirdParty.push(fromImport("airflow.sdk", [...sdk, ...(usesRetryPolicy ? ["ExceptionRetryPolicy", "RetryAction", "RetryRule"] : []), ...from("airflow.sdk")].sort()), ...failImport);
  else {
    thirdParty.push("from airflow import DAG", ...failImport);
    if (assets.length > 0) thirdParty.push(fromImport("airflow.datasets", assets));
    if (usesSecrets) thirdParty.push(fromImport("airflow.models", from("airflow.models")));
    if (sdk.includes("Param")) thirdParty.push("from airflow.models.param import Param");
    if (sdk.includes("TaskGroup")) thirdParty.push("from airflow.utils.task_group import TaskGroup");
  }
  if (operators.has("BashOperator")) {
    thirdParty.push(fromImport(v3 ? "airflow.providers.standard.operators.bash" : "airflow.operators.bash", ["BashOperator"]));
  }
  if (operators.has("PythonOperator")) thirdParty.push(fromImport(PYTHON_OPERATOR_MODULE[options.airflowVersion], ["PythonOperator"]));
  if (operators.has("TriggerDagRunOperator")) thirdParty.push(fromImport(TRIGGER_DAG_RUN_MODULE[options.airflowVersion], ["TriggerDagRunOperator"]));
  if (operators.has("DatabricksSubmitRunOperator")) thirdParty.push(fromImport("airflow.providers.databricks.operators.databricks", ["DatabricksSubmitRunOperator"]));
  if (operators.has("DatabricksSqlOperator")) thirdParty.push(fromImport("airflow.providers.databricks.operators.databricks_sql", ["DatabricksSqlOperator"]));
  if (pipeline.notify.onSuccess.length > 0 || pipeline.notify.onFailure.length > 0) {
    thirdParty.push(fromImport("airflow.providers.smtp.notifications.smtp", ["SmtpNotifier"]));
  }
  for (const module of [...new Set(secretImports.map(([source]) => source))].filter((module) => module !== "airflow.sdk" && module !== "airflow.models")) {
    thirdParty.push(fromImport(module, from(module)));
  }
  const standard = [...new Set([...(usesTimedelta ? ["datetime"] : []), ...(usesOutputs ? OUTPUT_HELPER_MODULES : []), ...(usesItems ? ITEMS_HELPER_MODULES : [])])].sort().map((module) => `import ${module}`);
  return standard.length > 0 ? [standard, thirdParty] : [thirdParty];
}

/** Module-level definitions as one block, two blank lines apart, as ruff formats them. */
const moduleHelpers = (sources: ReadonlyArray<string>): string[] => (sources.length === 0 ? [] : [sources.join("\n\n\n")]);

/**
 * `variable = Operator(task_id=...)`. Ruff's AIR001 wants the variable named as the task id; an id
 * Python cannot name (`list-partitions`) or one the module already binds gets another variable,
 * which the line says it means.
 */
function assignment(variable: string, taskId: string, operator: Py): string {
  const printed = printPy(operator, 4);
  return `    ${variable} = ${variable === taskId ? printed : printed.replace("(\n", "(  # noqa: AIR001\n")}`;
}

/** One pipeline as an Airflow DAG module. */
export function renderDag(pipeline: PipelineNode, options: AirflowOptions, announcesSuccess = false): string {
  const groups = [...new Set(pipeline.tasks.flatMap((task) => (task.group === null ? [] : [task.group])))];
  // One namespace for groups and tasks: a task called `group_x` must not rebind group x's variable.
  const added = statusOperators(statusTasks(pipeline, announcesSuccess), options.airflowVersion, announcesSuccess ? successAsset(pipeline.id, options.airflowVersion) : null);
  // A for-each task over a list known at run time waits for its items step (for-each.ts), which
  // waits for the task's own upstreams under the task's own rule.
  const steps = itemsStepIds(pipeline);
  const variables = pythonVariables([...groups.map((group) => `group_${group}`), ...pipeline.tasks.map((task) => task.id), ...steps.values(), ...added.map(([task]) => task.id)]);
  const operators = new Set<string>();
  // Each for-each operator, and whether one of its tasks maps over an items step's value.
  const iterated = new Map<string, boolean>();
  let usesRetryPolicy = false;
  const statements: string[] = groups.map(
    (group) => `    ${variables.get(`group_${group}`)} = ${printPy(call("TaskGroup", [["group_id", str(group)]]), 4)}`,
  );
  for (const task of pipeline.tasks) {
    const { operator, args } = operatorCall(pipeline, task, options);
    operators.add(operator);
    usesRetryPolicy ||= args.some(([name]) => name === "retry_policy");
    const inGroup: Array<[string, Py]> = task.group === null ? [] : [["task_group", code(variables.get(`group_${task.group}`)!)]];
    args.push(...inGroup);
    const separator = statements.length === 0 ? "" : "\n";
    const step = steps.get(task.id);
    if (step !== undefined) {
      operators.add("PythonOperator");
      statements.push(`${separator}${assignment(variables.get(step)!, step, call("PythonOperator", [...itemsStepArguments(pipeline, task, step), ...inGroup]))}`);
    }
    if (task.forEach === null) statements.push(`${separator}${assignment(variables.get(task.id)!, task.id, call(operator, args))}`);
    else {
      iterated.set(operator, (iterated.get(operator) ?? false) || step !== undefined);
      const expand = expandArguments(task, step === undefined ? null : variables.get(step)!);
      statements.push(`${step === undefined ? separator : "\n"}    ${variables.get(task.id)} = ${printPy(call(`${forEachClass(operator)}.partial`, args), 4)}${printPy(call(".expand", expand), 4)}`);
    }
  }
  const edges = pipeline.tasks.flatMap((task) => {
    const step = steps.get(task.id);
    const first = variables.get(step ?? task.id);
    return [...task.dependsOn.map((dep) => `    ${variables.get(dep)} >> ${first}`), ...(step === undefined ? [] : [`    ${first} >> ${variables.get(task.id)}`])];
  });
  for (const [task, operator] of added) {
    operators.add("BashOperator");
    statements.push(`\n    ${variables.get(task.id)} = ${printPy(operator, 4)}`);
    edges.push(...task.upstream.map((id) => `    ${variables.get(id)} >> ${variables.get(task.id)}`));
  }
  const dagLines = dagArguments(pipeline, options).map(([name, value]) => `    ${name}=${printPy(value, 4)},`);
  const usesTimedelta = [...dagLines, ...statements].some((text) => text.includes("datetime.timedelta("));
  const usesSecrets = usesSecretEnv(statements);
  const usesOutputs = usesOutputHelpers(statements);
  const usesItems = steps.size > 0;
  return renderDagModule({
    importGroups: importGroups(pipeline, options, operators, usesRetryPolicy, usesTimedelta, usesSecrets, assetImports(pipeline, announcesSuccess, options.airflowVersion), usesOutputs, usesItems),
    helpers: moduleHelpers([
      ...(usesSecrets ? [secretEnvHelperSource()] : []),
      ...(usesOutputs ? [outputHelperSource()] : []),
      ...(usesItems ? [itemsHelperSource()] : []),
      ...[...iterated.keys()].sort().map((operator) => forEachClassSource(operator, iterated.get(operator)!)),
      ...(usesRetryPolicy && options.airflowVersion === 3 ? [noRetryOnTimeoutSource()] : []),
    ]),
    dagArguments: dagLines,
    statements,
    edges,
  });
}
