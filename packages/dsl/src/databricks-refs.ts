/** What the Databricks CLI fills in at deploy time, by the path it resolves (`${…}` in a bundle). */
export type DatabricksRefPath =
  | "workspace.current_user.short_name"
  | "workspace.current_user.userName"
  | "workspace.current_user.id"
  | "workspace.file_path"
  | "workspace.root_path"
  | "bundle.name"
  | "bundle.target"
  | `var.${string}`
  | `resources.${"jobs" | "pipelines" | "sql_warehouses" | "clusters" | "schemas" | "volumes" | "experiments" | "models"}.${string}.${"id" | "name"}`;

/** A Databricks bundle reference: a value only the databricks target can write (`${path}`). */
export interface DatabricksRefSpec {
  readonly $databricks: string;
}

/**
 * A value the Databricks CLI fills in when it deploys the bundle: on Databricks it is written as
 * `${path}`; other targets have no such value and refuse it, located (ORC301), with the way out.
 *
 * @example environments: { dev: { params: { schema: databricksRef("workspace.current_user.short_name") } } }
 */
export function databricksRef(path: DatabricksRefPath): DatabricksRefSpec {
  return { $databricks: path };
}

export function isDatabricksRef(value: unknown): value is DatabricksRefSpec {
  return typeof value === "object" && value !== null && typeof (value as DatabricksRefSpec).$databricks === "string";
}
