import type { ComputeNode, PipelineNode, TaskNode, ValueNode } from "@orchc/compiler";
import { jinjaLiteral, jinjaValue } from "./jinja.js";
import { code, dict, list, str, type Py } from "./python-source.js";

const PIPELINE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function clusterSpec(compute: Extract<ComputeNode, { kind: "cluster" }>): Py {
  const entries: Array<[string, Py]> = [
    ["spark_version", str(compute.sparkVersion)],
    ["node_type_id", str(compute.nodeType)],
  ];
  if (compute.autoscale) entries.push(["autoscale", dict([["min_workers", code(String(compute.autoscale.min))], ["max_workers", code(String(compute.autoscale.max))]])]);
  else entries.push(["num_workers", code(String(compute.workers ?? 0))]);
  if (compute.sparkConf.length > 0) entries.push(["spark_conf", dict(compute.sparkConf.map(([key, value]) => [key, str(jinjaLiteral(value))]))]);
  if (compute.env.length > 0) entries.push(["spark_env_vars", dict(compute.env.map(([key, value]) => [key, str(jinjaLiteral(value))]))]);
  for (const [key, value] of Object.entries(compute.databricks)) entries.push([key, templatedJson(value)]);
  return dict(entries);
}

/** JSON inside the operator's templated `json`: every string is Jinja-escaped, so it arrives as written. */
function templatedJson(value: unknown): Py {
  if (typeof value === "string") return str(jinjaLiteral(value));
  if (Array.isArray(value)) return list(value.map(templatedJson));
  if (value !== null && typeof value === "object") return dict(Object.entries(value).map(([key, item]) => [key, templatedJson(item)]));
  return code(value === null ? "None" : typeof value === "boolean" ? (value ? "True" : "False") : String(value));
}

/**
 * The `json` payload of a DatabricksSubmitRunOperator: one run of one task, in the single-task
 * form the provider also uses to resolve a pipeline by name. `json` is Jinja-templated, so
 * literal text is escaped and params become `{{ params.x }}`.
 */
export function databricksRunPayload(pipeline: PipelineNode, task: TaskNode): Py {
  const action = task.action;
  const compute = pipeline.compute.find((candidate) => candidate.name === task.compute);
  const value = (node: ValueNode) => str(jinjaValue(pipeline, node));
  const entries: Array<[string, Py]> = [["run_name", str(jinjaLiteral(`${pipeline.name}.${task.id}`))]];
  const attachCluster = () => {
    if (compute?.kind === "cluster") entries.push(["new_cluster", clusterSpec(compute)]);
    else if (compute?.kind === "existingCluster") entries.push(["existing_cluster_id", str(compute.id)]);
  };
  switch (action.kind) {
    case "notebook":
      entries.push([
        "notebook_task",
        dict([
          ["notebook_path", str(jinjaLiteral(action.path))],
          ["source", str(action.source === "git" ? "GIT" : "WORKSPACE")],
          ...(action.params.length > 0 ? [["base_parameters", dict(action.params.map(({ name, value: node }) => [name, value(node)]))] as [string, Py]] : []),
        ]),
      ]);
      attachCluster();
      break;
    case "sparkPython":
      entries.push(["spark_python_task", dict([["python_file", str(jinjaLiteral(action.file))], ...(action.args.length > 0 ? [["parameters", list(action.args.map(value))] as [string, Py]] : [])])]);
      attachCluster();
      break;
    case "lakeflowPipeline":
      entries.push([
        "pipeline_task",
        dict([
          [PIPELINE_ID.test(action.pipeline) ? "pipeline_id" : "pipeline_name", str(jinjaLiteral(action.pipeline))],
          ["full_refresh", code(action.fullRefresh ? "True" : "False")],
        ]),
      ]);
      break;
    case "sql": {
      // A SQL file runs as a one-task job run; inline SQL text goes through DatabricksSqlOperator instead.
      const warehouse = pipeline.compute.find((candidate) => candidate.name === action.warehouse);
      const sqlTask = dict([
        ["file", dict([["path", str(jinjaLiteral(action.file ?? ""))], ["source", str("WORKSPACE")]])],
        ["warehouse_id", str(warehouse?.kind === "warehouse" ? warehouse.id : "")],
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
