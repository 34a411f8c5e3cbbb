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

/** A Databricks bundle reference: a value only the databricks target can write (`${path}`), as an environment's param value or in a task's values. */
export interface DatabricksRefSpec {
  /** The path the CLI resolves, e.g. `bundle.target`. */
  readonly $databricks: string;
}

/**
 * A value the Databricks CLI fills in when it deploys the bundle: on Databricks it is written as
 * `${path}`; other targets have no such value and refuse it, located (ORC301), with the way out.
 *
 * @example
 * ```ts
 * environments: { dev: { params: { schema: databricksRef("workspace.current_user.short_name") } } }
 * ```
 *
 * @example
 * ```ts
 * notebook("src/report.py", { target: databricksRef("bundle.target") })
 * ```
 */
export function databricksRef(path: DatabricksRefPath): DatabricksRefSpec {
  return { $databricks: path };
}

/**
 * Whether a value is a Databricks bundle reference.
 *
 * @example
 * ```ts
 * isDatabricksRef(databricksRef("bundle.target")) // true
 * ```
 */
export function isDatabricksRef(value: unknown): value is DatabricksRefSpec {
  return typeof value === "object" && value !== null && typeof (value as DatabricksRefSpec).$databricks === "string";
}

type DateArgument = "iso_weekday" | "is_weekday" | "iso_date" | "iso_datetime" | "year" | "month" | "day" | "hour" | "minute" | "second" | "timestamp_ms";

/**
 * What Databricks Jobs fills in when a task starts, by its path (`{{…}}`,
 * https://docs.databricks.com/aws/en/jobs/dynamic-value-references). `run.id` and `run.date` say the
 * run's id and day on every target; these are the rest, which only Databricks has.
 */
export type DatabricksValuePath =
  | "job.id"
  | "job.name"
  | "job.run_id"
  | "job.repair_count"
  | `job.start_time.${DateArgument}`
  | "job.trigger.type"
  | `job.trigger.time.${DateArgument}`
  | "job.trigger.file_arrival.location"
  | `backfill.${DateArgument}`
  | "task.name"
  | "task.run_id"
  | "task.execution_count"
  | "task.notebook_path"
  | `tasks.${string}.${"run_id" | "result_state" | "error_code" | "execution_count"}`
  | `tasks.${string}.values.${string}`;

/** A Databricks dynamic value reference: a value only the databricks target can write (`{{path}}`). */
export interface DatabricksValueSpec {
  /** The path Jobs resolves, e.g. `job.trigger.type`. */
  readonly $databricksValue: string;
}

/**
 * A value Databricks Jobs fills in when the task starts: written as `{{path}}` in the task's
 * parameters; other targets have no such value and refuse it, located (ORC301), with the way out.
 *
 * @example
 * ```ts
 * sparkPython("src/ingest.py", ["--location", databricksValue("job.trigger.file_arrival.location")])
 * ```
 */
export function databricksValue(path: DatabricksValuePath): DatabricksValueSpec {
  return { $databricksValue: path };
}

/**
 * Whether a value is a Databricks dynamic value reference.
 *
 * @example
 * ```ts
 * isDatabricksValue(databricksValue("job.id")) // true
 * ```
 */
export function isDatabricksValue(value: unknown): value is DatabricksValueSpec {
  return typeof value === "object" && value !== null && typeof (value as DatabricksValueSpec).$databricksValue === "string";
}
