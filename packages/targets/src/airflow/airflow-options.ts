import * as z from "zod";

/**
 * Airflow's own rule for connection ids (airflow.models.connection.RE_SANITIZE_CONN_ID, at most
 * 250 characters). It also keeps them free of Jinja, which matters because whether a notifier's
 * `smtp_conn_id` is rendered depends on the provider's version.
 */
const connId = z
  .string()
  .regex(/^[\w#!()\-.:/\\]{1,250}$/, "an Airflow connection id: 1-250 letters, digits and `_#!()-.:/\\`");

/**
 * A real calendar date (2024-02-30 is not one: pendulum refuses it when the DAG loads), from 1900
 * to 2999: Airflow steps back and forth by schedule intervals from it, and near the ends of
 * Python's date range (years 1 and 9999) that overflows and the DAG is never scheduled.
 */
const startDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD")
  .refine((text) => {
    const [year, month, day] = text.split("-").map(Number) as [number, number, number];
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, "not a date on the calendar")
  .refine((text) => text >= "1900-01-01" && text <= "2999-12-31", "a start date from 1900-01-01 to 2999-12-31");

/** Integers Airflow keeps in 32-bit database columns (priority weights, pool slots, limits). */
const int32 = () => z.number().int().min(-2147483648).max(2147483647);

export const airflowOptions = z.strictObject({
  /** Major Airflow version the DAG files are written for. */
  airflowVersion: z.union([z.literal(2), z.literal(3)]).default(3),
  /** Fixed start date (never "now", so runs are reproducible); its time zone is the schedule's. */
  startDate: startDate.default("2024-01-01"),
  /** Folder, under the output directory, that receives one DAG file per pipeline. */
  dagsFolder: z
    .string()
    .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\]+$/, "a relative folder inside the output directory")
    .default("dags"),
  /** Connection used by the Databricks operators (notebook, sparkPython, lakeflowPipeline, sql tasks). */
  databricksConnId: connId.default("databricks_default"),
  /** false: refuse Databricks actions instead of emitting operators from apache-airflow-providers-databricks. */
  databricksProvider: z.boolean().default(true),
  /** Connection used for email notifications (apache-airflow-providers-smtp). */
  smtpConnId: connId.default("smtp_default"),
});

export type AirflowOptions = z.output<typeof airflowOptions>;

/** Task-level `.airflow({...})`: BaseOperator arguments merged last into the operator call. */
export const airflowTaskOverrides = z.strictObject({
  owner: z.string().optional(),
  pool: z.string().optional(),
  pool_slots: int32().positive().optional(),
  queue: z.string().optional(),
  priority_weight: int32().optional(),
  weight_rule: z.enum(["downstream", "upstream", "absolute"]).optional(),
  depends_on_past: z.boolean().optional(),
  wait_for_downstream: z.boolean().optional(),
  max_active_tis_per_dag: int32().positive().optional(),
  max_active_tis_per_dagrun: int32().positive().optional(),
  task_display_name: z.string().optional(),
  doc_md: z.string().optional(),
  do_xcom_push: z.boolean().optional(),
  cwd: z.string().optional(),
  output_encoding: z.string().optional(),
});

/** Pipeline-level `.airflow({...})`: DAG arguments merged last, plus target options for this pipeline. */
export const airflowPipelineOverrides = z.strictObject({
  startDate: startDate.optional(),
  max_active_tasks: int32().positive().optional(),
  max_consecutive_failed_dag_runs: int32().nonnegative().optional(),
  dag_display_name: z.string().optional(),
  owner_links: z.record(z.string(), z.string()).optional(),
  template_searchpath: z.array(z.string()).optional(),
  catchup: z.boolean().optional(),
  fail_fast: z.boolean().optional(),
  tags: z.array(z.string().max(100)).optional(),
});
