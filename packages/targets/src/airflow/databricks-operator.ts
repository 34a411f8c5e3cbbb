import type { ComputeNode, LibraryNode, PipelineNode, SavedSqlNode, SqlSubscriptionNode, TaskNode, ValueNode, WorkspaceRef } from "@orchc/compiler";
import { pipRequirement, serverlessMisfit } from "../shared/wheel-task.js";
import { jinjaPieces, type JinjaPiece } from "./jinja.js";
import { code, dict, list, pyValue, str, template, type Py } from "./python-source.js";

const PIPELINE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An object's id; one named only by its name has no Airflow equivalent, and the capability checks refuse it before emit. */
export function workspaceId(ref: WorkspaceRef): string {
  if (ref.by !== "id") throw new Error(`internal: \`${ref.value}\` by name reached the Airflow DAG`);
  return ref.value;
}

function clusterSpec(compute: Extract<ComputeNode, { kind: "cluster" }>): Py {
  const entries: Array<[string, Py]> = [["spark_version", str(compute.sparkVersion)]];
  if (compute.nodeType !== null) entries.push(["node_type_id", str(compute.nodeType)]);
  if (compute.instancePool !== null) entries.push(["instance_pool_id", str(workspaceId(compute.instancePool))]);
  if (compute.policy !== null) entries.push(["policy_id", str(workspaceId(compute.policy))]);
  if (compute.autoscale) entries.push(["autoscale", dict([["min_workers", code(String(compute.autoscale.min))], ["max_workers", code(String(compute.autoscale.max))]])]);
  else entries.push(["num_workers", code(String(compute.workers ?? 0))]);
  if (compute.sparkConf.length > 0) entries.push(["spark_conf", dict(compute.sparkConf.map(([key, value]) => [key, str(value)]))]);
  if (compute.env.length > 0) entries.push(["spark_env_vars", dict(compute.env.map(([key, value]) => [key, str(value)]))]);
  for (const [key, value] of Object.entries(compute.databricks)) entries.push([key, pyValue(value)]);
  return dict(entries);
}

function library(node: LibraryNode): Py {
  switch (node.kind) {
    case "whl":
    case "jar":
      return dict([[node.kind, str(node.path)]]);
    case "pypi":
      return dict([["pypi", dict([["package", str(node.package)], ...(node.repo === null ? [] : [["repo", str(node.repo)] as [string, Py]])])]]);
    case "maven":
      return dict([
        [
          "maven",
          dict([
            ["coordinates", str(node.coordinates)],
            ...(node.repo === null ? [] : [["repo", str(node.repo)] as [string, Py]]),
            ...(node.exclusions.length > 0 ? [["exclusions", list(node.exclusions.map(str))] as [string, Py]] : []),
          ]),
        ],
      ]);
  }
}

/** The environment a wheel task runs in on serverless: the compute's version and dependencies, and the task's libraries (the checks refuse what pip cannot install). */
function serverlessEnvironment(compute: Extract<ComputeNode, { kind: "serverless" }>, libraries: ReadonlyArray<LibraryNode>): Py {
  const dependencies = [...new Set([...compute.dependencies, ...libraries.filter((node) => serverlessMisfit(node) === null).map((node) => pipRequirement(node, (path) => path))])];
  return dict([
    ["environment_key", str(compute.name)],
    ["spec", dict([["environment_version", str(compute.environmentVersion ?? "4")], ...(dependencies.length > 0 ? [["dependencies", list(dependencies.map(str))] as [string, Py]] : [])])],
  ]);
}

/** A warehouse's id; a declared one (sqlWarehouse) has none until created, which the checks refuse here. */
function warehouseId(pipeline: PipelineNode, name: string): string {
  const warehouse = pipeline.compute.find((candidate) => candidate.name === name);
  return warehouse?.kind === "warehouse" ? workspaceId(warehouse.warehouse) : "";
}

/** sql_task's `query`, `alert` or `dashboard` entry, named as the Jobs API names them. */
function savedSql(saved: SavedSqlNode): [string, Py] {
  const subscriptions = (entries: ReadonlyArray<SqlSubscriptionNode>): Array<[string, Py]> =>
    entries.length > 0 ? [["subscriptions", list(entries.map((entry) => dict([[entry.kind === "user" ? "user_name" : "destination_id", str(entry.name)]])))]] : [];
  const pause = (value: boolean | null): Array<[string, Py]> => (value === null ? [] : [["pause_subscriptions", code(value ? "True" : "False")]]);
  switch (saved.kind) {
    case "query":
      return ["query", dict([["query_id", str(saved.id)]])];
    case "alert":
      return ["alert", dict([["alert_id", str(saved.id)], ...subscriptions(saved.subscriptions), ...pause(saved.pauseSubscriptions)])];
    case "dashboard":
      return [
        "dashboard",
        dict([["dashboard_id", str(saved.id)], ...subscriptions(saved.subscriptions), ...(saved.customSubject === null ? [] : [["custom_subject", str(saved.customSubject)] as [string, Py]]), ...pause(saved.pauseSubscriptions)]),
      ];
  }
}

/**
 * A secret in a Databricks task is read where the task runs, as on the databricks target: a
 * Databricks secret reference (the checks require a scope), literal text to Airflow.
 */
const secretReference =
  (pipeline: PipelineNode) =>
  (name: string): ReadonlyArray<JinjaPiece> => {
    const secret = pipeline.secrets.find((candidate) => candidate.name === name)!;
    return [{ text: `{{secrets/${secret.scope}/${secret.key}}}` }];
  };

/**
 * The `json` payload of a DatabricksSubmitRunOperator: one run of one task, in the single-task
 * form the provider also uses to resolve a pipeline by name. `json` is Jinja-templated: params
 * are `{{ params.x }}` pieces, and templated-fields.ts escapes every string where it lands.
 */
export function databricksRunPayload(pipeline: PipelineNode, task: TaskNode): Py {
  const action = task.action;
  const compute = pipeline.compute.find((candidate) => candidate.name === task.compute);
  const value = (node: ValueNode) => template(jinjaPieces(pipeline, node, secretReference(pipeline)));
  const entries: Array<[string, Py]> = [["run_name", str(`${pipeline.name}.${task.id}`)]];
  const attachCluster = () => {
    if (compute?.kind === "cluster") entries.push(["new_cluster", clusterSpec(compute)]);
    else if (compute?.kind === "existingCluster") entries.push(["existing_cluster_id", str(workspaceId(compute.cluster))]);
  };
  /** A task that installs libraries: beside it on a cluster; on serverless in its environment, which a run takes in the multi-task form only (a task's environment_key). */
  const withLibraries = (key: string, body: Py, libraries: ReadonlyArray<LibraryNode>) => {
    if (compute?.kind === "serverless") {
      entries.push(["tasks", list([dict([["task_key", str(task.id)], [key, body], ["environment_key", str(compute.name)]])])]);
      entries.push(["environments", list([serverlessEnvironment(compute, libraries)])]);
      return;
    }
    entries.push([key, body]);
    attachCluster();
    if (libraries.length > 0) entries.push(["libraries", list(libraries.map(library))]);
  };
  switch (action.kind) {
    case "notebook":
      entries.push([
        "notebook_task",
        dict([
          ["notebook_path", str(action.path)],
          ["source", str(action.source === "git" ? "GIT" : "WORKSPACE")],
          ...(action.params.length > 0 ? [["base_parameters", dict(action.params.map(({ name, value: node }) => [name, value(node)]))] as [string, Py]] : []),
        ]),
      ]);
      attachCluster();
      break;
    case "sparkPython":
      entries.push(["spark_python_task", dict([["python_file", str(action.file)], ...(action.args.length > 0 ? [["parameters", list(action.args.map(value))] as [string, Py]] : [])])]);
      attachCluster();
      break;
    case "pythonWheel": {
      const wheelTask = dict([
        ["package_name", str(action.package)],
        ["entry_point", str(action.entryPoint)],
        ...(action.parameters.length > 0 ? [["parameters", list(action.parameters.map(value))] as [string, Py]] : []),
        ...(action.namedParameters.length > 0 ? [["named_parameters", dict(action.namedParameters.map(({ name, value: node }) => [name, value(node)]))] as [string, Py]] : []),
      ]);
      withLibraries("python_wheel_task", wheelTask, action.libraries);
      break;
    }
    case "sparkJar":
      withLibraries("spark_jar_task", dict([["main_class_name", str(action.mainClass)], ...(action.parameters.length > 0 ? [["parameters", list(action.parameters.map(value))] as [string, Py]] : [])]), action.libraries);
      break;
    case "dbt": {
      const dbtTask = dict([
        // The checks refuse a project in this one: Airflow uploads nothing (ORC347).
        ...(action.project !== null ? [["project_directory", str(action.project)] as [string, Py]] : []),
        ...(action.profiles !== null ? [["profiles_directory", str(action.profiles)] as [string, Py]] : []),
        ["commands", list(action.commands.map(value))],
        ...(action.warehouse !== null ? [["warehouse_id", str(warehouseId(pipeline, action.warehouse))] as [string, Py]] : []),
        ...(action.catalog !== null ? [["catalog", str(action.catalog)] as [string, Py]] : []),
        ...(action.schema !== null ? [["schema", str(action.schema)] as [string, Py]] : []),
        ["source", str(action.source === "git" ? "GIT" : "WORKSPACE")],
      ]);
      withLibraries("dbt_task", dbtTask, action.libraries);
      break;
    }
    case "lakeflowPipeline":
      entries.push([
        "pipeline_task",
        dict([
          [PIPELINE_ID.test(action.pipeline) ? "pipeline_id" : "pipeline_name", str(action.pipeline)],
          ["full_refresh", code(action.fullRefresh ? "True" : "False")],
        ]),
      ]);
      break;
    case "sql": {
      // A SQL file or a saved query, alert or dashboard runs as a one-task job run; inline SQL text goes through DatabricksSqlOperator instead.
      const sqlTask = dict([
        action.saved === null ? ["file", dict([["path", str(action.file ?? "")], ["source", str("WORKSPACE")]])] : savedSql(action.saved),
        ["warehouse_id", str(warehouseId(pipeline, action.warehouse))],
        ...(action.params.length > 0 ? [["parameters", dict(action.params.map(({ name, value: node }) => [name, value(node)]))] as [string, Py]] : []),
      ]);
      entries.push(["tasks", list([dict([["task_key", str(task.id)], ["sql_task", sqlTask]])])]);
      break;
    }
    default:
      throw new Error(`internal: ${action.kind} is not a Databricks action`);
  }
  return dict(entries);
}
