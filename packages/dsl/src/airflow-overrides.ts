/**
 * What `.airflow({...})` may set: BaseOperator arguments on a task, DAG arguments on a pipeline,
 * named as Airflow names them. The airflow target checks the same keys at build time.
 */
// Type aliases, not interfaces: they must fit the JSON record every override is stored as.
export type AirflowTaskOverrides = {
  readonly owner?: string;
  readonly pool?: string;
  readonly pool_slots?: number;
  readonly queue?: string;
  readonly priority_weight?: number;
  readonly weight_rule?: "downstream" | "upstream" | "absolute";
  readonly depends_on_past?: boolean;
  readonly wait_for_downstream?: boolean;
  readonly max_active_tis_per_dag?: number;
  readonly max_active_tis_per_dagrun?: number;
  readonly task_display_name?: string;
  readonly doc_md?: string;
  readonly do_xcom_push?: boolean;
  readonly cwd?: string;
  readonly output_encoding?: string;
};

export type AirflowPipelineOverrides = {
  /** The DAG's fixed start date, YYYY-MM-DD (default: the target's `startDate` option). */
  readonly startDate?: `${number}-${number}-${number}`;
  readonly max_active_tasks?: number;
  readonly max_consecutive_failed_dag_runs?: number;
  readonly dag_display_name?: string;
  readonly owner_links?: Readonly<Record<string, string>>;
  readonly template_searchpath?: ReadonlyArray<string>;
  readonly catchup?: boolean;
  readonly fail_fast?: boolean;
  readonly tags?: ReadonlyArray<string>;
};
