import type { JsonValue } from "./spec.js";

/**
 * What `.databricks({...})` may set, named as the bundle schema names them. Values that are
 * objects are passed through as written (the generated bundle is validated against the schema).
 */
export type DatabricksTaskOverrides = {
  /** More libraries the task installs (`whl`, `jar`, `pypi`, `maven`, …), as the bundle writes them. */
  readonly libraries?: ReadonlyArray<{ readonly [key: string]: JsonValue }>;
  /** The task's own e-mails, by event (`on_failure`, …). */
  readonly email_notifications?: { readonly [key: string]: JsonValue };
  /** The task's own webhooks, by event, each a notification destination's id. */
  readonly webhook_notifications?: { readonly [key: string]: JsonValue };
  /** Which of the task's notifications are left out (`no_alert_for_skipped_runs`, …). */
  readonly notification_settings?: { readonly [key: string]: JsonValue };
  /** When the task run is reported as unhealthy (run duration, streaming backlog). */
  readonly health?: DatabricksHealthRules;
  /** Leaves the task out of runs while keeping it in the job. */
  readonly disabled?: boolean;
  /** Turns off serverless auto-optimization (its automatic retries) for the task. */
  readonly disable_auto_optimization?: boolean;
};

/** Whether a trigger, a schedule or continuous running is paused; orchc writes PAUSED for a `paused` pipeline. */
export type DatabricksPauseStatus = "PAUSED" | "UNPAUSED";

type TriggerTiming = {
  /** Seconds at least between two runs it starts. */
  readonly min_time_between_triggers_seconds?: number;
  /** Seconds without a further change before it starts a run. */
  readonly wait_after_last_change_seconds?: number;
};

/**
 * A Databricks job trigger (`trigger:`): one of `periodic`, `file_arrival`, `table_update`. The job
 * then has no cron schedule: a pipeline with both is refused (ORC334).
 *
 * @example
 * ```ts
 * { periodic: { interval: 1, unit: "DAYS" } }   // Databricks' default-python template
 * ```
 *
 * @example
 * ```ts
 * { table_update: { table_names: ["main.sales.orders"], condition: "ANY_UPDATED" } }
 * ```
 */
export type DatabricksTrigger = {
  /** Paused or not (default: from the pipeline's `paused`). */
  readonly pause_status?: DatabricksPauseStatus;
} & (
  | { readonly periodic: { readonly interval: number; readonly unit: "MINUTES" | "HOURS" | "DAYS" | "WEEKS" } }
  | { readonly file_arrival: { readonly url: string } & TriggerTiming }
  | { readonly table_update: { readonly table_names: ReadonlyArray<string>; readonly condition?: "ANY_UPDATED" | "ALL_UPDATED" } & TriggerTiming }
);

/** Always one run: a new one starts when the last ends (`continuous:`). Also excludes a cron schedule. */
export type DatabricksContinuous = {
  /** Paused or not (default: from the pipeline's `paused`). */
  readonly pause_status?: DatabricksPauseStatus;
  /** Whether failed tasks are retried in the running run (`ON_FAILURE`) or not (`NEVER`). */
  readonly task_retry_mode?: "NEVER" | "ON_FAILURE";
};

/** The Git repository notebooks with `source: "git"` come from (`git_source:`). */
export type DatabricksGitSource = {
  /** The repository's URL. */
  readonly git_url: string;
  /** Where the repository is hosted. */
  readonly git_provider: "gitHub" | "bitbucketCloud" | "azureDevOpsServices" | "gitHubEnterprise" | "bitbucketServer" | "gitLab" | "gitLabEnterpriseEdition" | "awsCodeCommit";
} & ({ readonly git_branch: string } | { readonly git_tag: string } | { readonly git_commit: string });

/** What a job's health is judged by (`health.rules`): a run over the threshold is reported, not stopped. */
export type DatabricksHealthRules = {
  /** Each a metric over a threshold. */
  readonly rules: ReadonlyArray<{
    readonly metric: "RUN_DURATION_SECONDS" | "STREAMING_BACKLOG_BYTES" | "STREAMING_BACKLOG_RECORDS" | "STREAMING_BACKLOG_SECONDS" | "STREAMING_BACKLOG_FILES";
    readonly op: "GREATER_THAN";
    readonly value: number;
  }>;
};

type NotificationEvents<T> = {
  readonly on_start?: ReadonlyArray<T>;
  readonly on_success?: ReadonlyArray<T>;
  readonly on_failure?: ReadonlyArray<T>;
  /** When a `health` rule on run duration is crossed. */
  readonly on_duration_warning_threshold_exceeded?: ReadonlyArray<T>;
  readonly on_streaming_backlog_exceeded?: ReadonlyArray<T>;
};

/**
 * The job's e-mails beyond the pipeline's `notify` (start, success, failure), merged with them by
 * event.
 *
 * @example
 * ```ts
 * { on_duration_warning_threshold_exceeded: ["oncall
 * ```
 *
 * @example
 * ```ts
 * .com"] }
 * ```
 */
export type DatabricksEmailNotifications = Omit<NotificationEvents<string>, "on_start" | "on_success" | "on_failure"> & {
  /** No e-mail for a skipped run. */
  readonly no_alert_for_skipped_runs?: boolean;
};

/**
 * Webhooks by the id of a notification destination of the workspace.
 *
 * @example
 * ```ts
 * { on_failure: [{ id: "0481e838-…" }] }
 * ```
 */
export type DatabricksWebhookNotifications = NotificationEvents<{ readonly id: string }>;

/** What `.databricks({...})` may set on a pipeline: job fields, and the bundle's name and uuid. */
export type DatabricksPipelineOverrides = {
  /** `bundle.name` of the generated bundle (default: the first pipeline's id). */
  readonly bundleName?: string;
  /** `bundle.uuid`: the bundle's identity in Databricks' own records (`databricks bundle init` writes one). */
  readonly bundleUuid?: string;
  /** Databricks' own ways to start the job (periodic, file arrival, table update); refused beside a schedule or a cross-target `trigger`. */
  readonly trigger?: DatabricksTrigger;
  /** Always one run; refused beside a schedule or trigger. */
  readonly continuous?: DatabricksContinuous;
  /** Where notebooks and dbt projects with `source: "git"` come from. */
  readonly git_source?: DatabricksGitSource;
  /** Whether a run that the job's concurrency limit holds back waits in a queue (Databricks' default) or is skipped. */
  readonly queue?: { readonly enabled: boolean };
  /** Who the job runs as (`run_as`): a user or a service principal. */
  readonly run_as?: { readonly user_name: string } | { readonly service_principal_name: string };
  /** The job's own permissions (`permissions`): who may view, run or manage it. */
  readonly permissions?: ReadonlyArray<{ readonly level: "CAN_VIEW" | "CAN_MANAGE_RUN" | "CAN_MANAGE" | "IS_OWNER" } & ({ readonly user_name: string } | { readonly group_name: string } | { readonly service_principal_name: string })>;
  /**
   * @example
   * ```ts
   * { rules: [{ metric: "RUN_DURATION_SECONDS", op: "GREATER_THAN", value: 3600 }] }
   * ```
   */
  readonly health?: DatabricksHealthRules;
  /** E-mails for the events `notify` has no word for, merged by event with those orchc writes. */
  readonly email_notifications?: DatabricksEmailNotifications;
  /** Webhooks, by event. */
  readonly webhook_notifications?: DatabricksWebhookNotifications;
  /** Which notifications are left out: for canceled or skipped runs. */
  readonly notification_settings?: { readonly no_alert_for_canceled_runs?: boolean; readonly no_alert_for_skipped_runs?: boolean };
  /** Serverless jobs: start fast (`PERFORMANCE_OPTIMIZED`) or cheap (`STANDARD`). */
  readonly performance_target?: "PERFORMANCE_OPTIMIZED" | "STANDARD";
  /** The serverless budget policy the job's usage is attributed to. */
  readonly budget_policy_id?: string;
};

/** In `environments.<name>.overrides.databricks`: the bundle target's own settings. */
export type DatabricksEnvironmentOverrides = {
  /** The bundle target's mode: `development` prefixes names with `[dev <user>]` and pauses schedules (orchc then writes no `namePrefix`, ORC333). */
  readonly mode?: "development" | "production";
  /** The workspace URL the target deploys to. */
  readonly host?: string;
  /** The workspace folder the bundle is deployed under (`workspace.root_path`). */
  readonly rootPath?: string;
  /**
   * The target's `presets` (the CLI applies them to every resource of the target). Not here, because
   * orchc writes them from the pipeline: `name_prefix` (the environment's `namePrefix`),
   * `trigger_pause_status` (`paused`), `jobs_max_concurrent_runs` (`maxConcurrentRuns`).
   *
   * @example
   * ```ts
   * { tags: { team: "data" } }
   * ```
   */
  readonly presets?: {
    readonly tags?: { readonly [key: string]: string };
    readonly pipelines_development?: boolean;
    readonly artifacts_dynamic_version?: boolean;
    readonly source_linked_deployment?: boolean;
  };
  /**
   * Who may do what with every resource of the target (`targets.<name>.permissions`; on a job,
   * CAN_RUN becomes CAN_MANAGE_RUN). Not `permissions`, which is the job's own list.
   *
   * @example
   * ```ts
   * [{ level: "CAN_VIEW", group_name: "users" }]
   * ```
   */
  readonly targetPermissions?: ReadonlyArray<{ readonly level: "CAN_MANAGE" | "CAN_VIEW" | "CAN_RUN" } & ({ readonly user_name: string } | { readonly group_name: string } | { readonly service_principal_name: string })>;
};
