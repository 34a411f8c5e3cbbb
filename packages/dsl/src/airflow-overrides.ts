/**
 * What `.airflow({...})` may set: BaseOperator arguments on a task, DAG arguments on a pipeline,
 * named as Airflow names them. The airflow target checks the same keys at build time.
 */
// Type aliases, not interfaces: they must fit the JSON record every override is stored as.
export type AirflowTaskOverrides = {
  /** The task's owner, instead of the pipeline's `owner`. */
  readonly owner?: string;
  /** The Airflow pool whose slots the task takes (a pool limits how many tasks run at once). */
  readonly pool?: string;
  /** How many of the pool's slots the task takes (default 1). */
  readonly pool_slots?: number;
  /** The executor queue (CeleryExecutor) whose workers run it. */
  readonly queue?: string;
  /** Its priority when tasks wait for a slot (higher first). */
  readonly priority_weight?: number;
  /** How Airflow sums `priority_weight` along the graph. */
  readonly weight_rule?: "downstream" | "upstream" | "absolute";
  /** Runs only when the same task succeeded (or was skipped) in the previous DAG run. */
  readonly depends_on_past?: boolean;
  /** Also waits for the tasks right after it in the previous DAG run. */
  readonly wait_for_downstream?: boolean;
  /** At most this many instances of the task at once, across DAG runs. */
  readonly max_active_tis_per_dag?: number;
  /** At most this many instances at once in one DAG run (orchc writes it from a for-each task's `concurrency`). */
  readonly max_active_tis_per_dagrun?: number;
  /** The name the UI shows instead of the task id. */
  readonly task_display_name?: string;
  /** Markdown the UI shows with the task (the task's `description` otherwise). */
  readonly doc_md?: string;
  /** Whether the operator's return value is pushed as an XCom. */
  readonly do_xcom_push?: boolean;
  /** BashOperator working directory (the task's `workingDir` otherwise). */
  readonly cwd?: string;
  /** BashOperator: the encoding of the command's output. */
  readonly output_encoding?: string;
};

/** What `.airflow({...})` may set on a pipeline: DAG arguments, and the DAG's `startDate`. */
export type AirflowPipelineOverrides = {
  /** The DAG's fixed start date, YYYY-MM-DD (default: the target's `startDate` option). */
  readonly startDate?: `${number}-${number}-${number}`;
  /** At most this many tasks of one DAG run at once. */
  readonly max_active_tasks?: number;
  /** Pauses the DAG after this many failed runs in a row. */
  readonly max_consecutive_failed_dag_runs?: number;
  /** The name the UI shows (the pipeline's `name` otherwise). */
  readonly dag_display_name?: string;
  /** Links shown for owners in the UI, by owner. */
  readonly owner_links?: Readonly<Record<string, string>>;
  /** Folders Jinja looks for template files in. */
  readonly template_searchpath?: ReadonlyArray<string>;
  /** Whether the scheduler runs the intervals missed since `startDate` (orchc writes `False`). */
  readonly catchup?: boolean;
  /** Stops the DAG run's other tasks when one fails. */
  readonly fail_fast?: boolean;
  /** The DAG's tags, instead of the pipeline's `tags`. */
  readonly tags?: ReadonlyArray<string>;
};
