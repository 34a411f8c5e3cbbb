import type { PipelineNode, SavedSqlNode, SqlSubscriptionNode, TaskNode } from "@orchc/compiler";
import { wheelCompute } from "../shared/wheel-task.js";
import { BundleReference, type BundleMap, type BundleValue } from "./bundle-value.js";
import { bundleLibrary, libraryPath } from "./databricks-libraries.js";
import { workspaceId } from "./databricks-lookups.js";
import { databricksValue } from "./databricks-values.js";
import { sqlWarehouseKey } from "./databricks-warehouses.js";

/** A warehouse compute's id: as declared, or the bundle's reference to the warehouse it creates. */
export function warehouseId(pipeline: PipelineNode, name: string): BundleValue {
  const warehouse = pipeline.compute.find((node) => node.name === name);
  if (warehouse?.kind === "warehouse") return workspaceId(pipeline, warehouse.name, "warehouse", warehouse.warehouse);
  if (warehouse?.kind === "sqlWarehouse") return new BundleReference(`resources.sql_warehouses.${sqlWarehouseKey(pipeline, warehouse)}.id`);
  return "";
}

/** Task libraries on a cluster; on serverless they are the environment's dependencies (databricks-libraries.ts). */
const clusterLibraries = (pipeline: PipelineNode, task: TaskNode, libraries: ReadonlyArray<Parameters<typeof bundleLibrary>[0]>): BundleMap =>
  wheelCompute(pipeline, task)?.kind !== "serverless" && libraries.length > 0 ? { libraries: libraries.map(bundleLibrary) } : {};

export function sparkJarTask(pipeline: PipelineNode, task: TaskNode): BundleMap {
  const action = task.action;
  if (action.kind !== "sparkJar") return {};
  const value = (node: Parameters<typeof databricksValue>[1]) => databricksValue(pipeline, node);
  return {
    spark_jar_task: { main_class_name: action.mainClass, ...(action.parameters.length > 0 && { parameters: action.parameters.map(value) }) },
    ...clusterLibraries(pipeline, task, action.libraries),
  };
}

/**
 * As Databricks' dbt-sql template writes it: the project folder from the resource file (`../` for
 * the project itself), which the CLI uploads; with a git source, relative to the repository.
 */
function projectDirectory(project: string | null, source: "workspace" | "git"): string | null {
  if (source === "git") return project;
  if (project === null || project === "." || project === "./") return "../";
  return libraryPath(project);
}

export function dbtTask(pipeline: PipelineNode, task: TaskNode): BundleMap {
  const action = task.action;
  if (action.kind !== "dbt") return {};
  const project = projectDirectory(action.project, action.source);
  return {
    dbt_task: {
      ...(project !== null && { project_directory: project }),
      ...(action.profiles !== null && { profiles_directory: action.profiles }),
      commands: action.commands.map((node) => databricksValue(pipeline, node)),
      ...(action.warehouse !== null && { warehouse_id: warehouseId(pipeline, action.warehouse) }),
      ...(action.catalog !== null && { catalog: action.catalog }),
      ...(action.schema !== null && { schema: action.schema }),
      ...(action.source === "git" && { source: "GIT" }),
    },
    ...clusterLibraries(pipeline, task, action.libraries),
  };
}

const subscriptions = (entries: ReadonlyArray<SqlSubscriptionNode>): BundleMap =>
  entries.length > 0 ? { subscriptions: entries.map((entry) => (entry.kind === "user" ? { user_name: entry.name } : { destination_id: entry.name })) } : {};

/** sql_task's `query`, `alert` or `dashboard` object (field names as the Jobs API has them). */
export function savedSqlFields(saved: SavedSqlNode): BundleMap {
  const pause = saved.kind !== "query" && saved.pauseSubscriptions !== null ? { pause_subscriptions: saved.pauseSubscriptions } : {};
  switch (saved.kind) {
    case "query":
      return { query: { query_id: saved.id } };
    case "alert":
      return { alert: { alert_id: saved.id, ...subscriptions(saved.subscriptions), ...pause } };
    case "dashboard":
      return { dashboard: { dashboard_id: saved.id, ...subscriptions(saved.subscriptions), ...(saved.customSubject !== null && { custom_subject: saved.customSubject }), ...pause } };
  }
}
