import * as z from "zod";

export const airflowOptions = z.strictObject({
  /** Major Airflow version the DAG files are written for. */
  airflowVersion: z.union([z.literal(2), z.literal(3)]).default(3),
  /** Fixed start date (never "now", so runs are reproducible); its time zone is the schedule's. */
  startDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD")
    .default("2024-01-01"),
  /** Folder, under the output directory, that receives one DAG file per pipeline. */
  dagsFolder: z
    .string()
    .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\]+$/, "a relative folder inside the output directory")
    .default("dags"),
  /** Connection used by the Databricks operators (notebook, sparkPython, lakeflowPipeline, sql tasks). */
  databricksConnId: z.string().min(1).default("databricks_default"),
  /** false: refuse Databricks actions instead of emitting operators from apache-airflow-providers-databricks. */
  databricksProvider: z.boolean().default(true),
  /** Connection used for email notifications (apache-airflow-providers-smtp). */
  smtpConnId: z.string().min(1).default("smtp_default"),
});

export type AirflowOptions = z.output<typeof airflowOptions>;

/** Task-level `.airflow({...})`: BaseOperator arguments merged last into the operator call. */
export const airflowTaskOverrides = z.strictObject({
  owner: z.string().optional(),
  pool: z.string().optional(),
  pool_slots: z.number().int().positive().optional(),
  queue: z.string().optional(),
  priority_weight: z.number().int().optional(),
  weight_rule: z.enum(["downstream", "upstream", "absolute"]).optional(),
  depends_on_past: z.boolean().optional(),
  wait_for_downstream: z.boolean().optional(),
  max_active_tis_per_dag: z.number().int().positive().optional(),
  max_active_tis_per_dagrun: z.number().int().positive().optional(),
  task_display_name: z.string().optional(),
  doc_md: z.string().optional(),
  do_xcom_push: z.boolean().optional(),
  cwd: z.string().optional(),
  output_encoding: z.string().optional(),
});

/** Pipeline-level `.airflow({...})`: DAG arguments merged last, plus target options for this pipeline. */
export const airflowPipelineOverrides = z.strictObject({
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD").optional(),
  max_active_tasks: z.number().int().positive().optional(),
  max_consecutive_failed_dag_runs: z.number().int().nonnegative().optional(),
  dag_display_name: z.string().optional(),
  owner_links: z.record(z.string(), z.string()).optional(),
  template_searchpath: z.array(z.string()).optional(),
  catchup: z.boolean().optional(),
  fail_fast: z.boolean().optional(),
  tags: z.array(z.string().max(100)).optional(),
});
