import * as z from "zod";

// The shapes of the Databricks settings `.databricks({...})` types (packages/dsl/src/databricks-overrides.ts),
// checked here too: a JSON or YAML pipeline, or an untyped pipeline.ts, reaches the target without
// TypeScript. Field names and values as the bundle schema of Databricks CLI 1.13 has them.

const pauseStatus = z.enum(["PAUSED", "UNPAUSED"]);
const seconds = z.number().int().nonnegative();
const timing = { min_time_between_triggers_seconds: seconds.optional(), wait_after_last_change_seconds: seconds.optional() };

const periodic = z.strictObject({ interval: z.number().int().positive(), unit: z.enum(["MINUTES", "HOURS", "DAYS", "WEEKS"]) });
const fileArrival = z.strictObject({ url: z.string().min(1), ...timing });
const tableUpdate = z.strictObject({ table_names: z.array(z.string().min(1)).min(1), condition: z.enum(["ANY_UPDATED", "ALL_UPDATED"]).optional(), ...timing });

export const databricksTrigger = z
  .strictObject({ pause_status: pauseStatus.optional(), periodic: periodic.optional(), file_arrival: fileArrival.optional(), table_update: tableUpdate.optional() })
  .refine((trigger) => [trigger.periodic, trigger.file_arrival, trigger.table_update].filter((kind) => kind !== undefined).length === 1, "a trigger is one of periodic, file_arrival, table_update");

export const databricksContinuous = z.strictObject({ pause_status: pauseStatus.optional(), task_retry_mode: z.enum(["NEVER", "ON_FAILURE"]).optional() });

const gitProvider = z.enum(["gitHub", "bitbucketCloud", "azureDevOpsServices", "gitHubEnterprise", "bitbucketServer", "gitLab", "gitLabEnterpriseEdition", "awsCodeCommit"]);
export const databricksGitSource = z
  .strictObject({ git_url: z.string().min(1), git_provider: gitProvider, git_branch: z.string().min(1).optional(), git_tag: z.string().min(1).optional(), git_commit: z.string().min(1).optional() })
  .refine((source) => [source.git_branch, source.git_tag, source.git_commit].filter((ref) => ref !== undefined).length === 1, "name one of git_branch, git_tag, git_commit");

const principal = z.union([z.strictObject({ user_name: z.string().min(1) }), z.strictObject({ group_name: z.string().min(1) }), z.strictObject({ service_principal_name: z.string().min(1) })]);
export const databricksTargetPermissions = z.array(
  z
    .object({ level: z.enum(["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"]) })
    .catchall(z.string())
    .refine((entry) => principal.safeParse(Object.fromEntries(Object.entries(entry).filter(([key]) => key !== "level"))).success, "name one of user_name, group_name, service_principal_name"),
);

// The CLI applies these two presets only to jobs that leave the field unset, and orchc writes both
// from the pipeline (`paused`, `maxConcurrentRuns`) wherever they matter: a preset would be ignored.
const ownedByOrchc = (instead: string) => z.never({ error: `orchc writes this into every job from the pipeline, so the preset would not apply: ${instead}` }).optional();

export const databricksPresets = z.strictObject({
  tags: z.record(z.string(), z.string()).optional(),
  trigger_pause_status: ownedByOrchc("set `paused` on the environment"),
  jobs_max_concurrent_runs: ownedByOrchc("set the pipeline's `maxConcurrentRuns`"),
  pipelines_development: z.boolean().optional(),
  artifacts_dynamic_version: z.boolean().optional(),
  source_linked_deployment: z.boolean().optional(),
});

const healthRules = z.strictObject({
  rules: z.array(
    z.strictObject({
      metric: z.enum(["RUN_DURATION_SECONDS", "STREAMING_BACKLOG_BYTES", "STREAMING_BACKLOG_RECORDS", "STREAMING_BACKLOG_SECONDS", "STREAMING_BACKLOG_FILES"]),
      op: z.literal("GREATER_THAN"),
      value: z.number().int().nonnegative(),
    }),
  ),
});
const addresses = z.array(z.string().min(1)).optional();
const webhooks = z.array(z.strictObject({ id: z.string().min(1) })).optional();
const orchcWritesEmail = (event: string) => z.never({ error: `orchc writes it from the pipeline's \`notify.${event}\`, on every target: set that instead` }).optional();

/** The job settings `.databricks({...})` passes through, checked as the bundle schema has them. */
const jobSettings = {
  health: healthRules.optional(),
  queue: z.strictObject({ enabled: z.boolean() }).optional(),
  run_as: z.union([z.strictObject({ user_name: z.string().min(1) }), z.strictObject({ service_principal_name: z.string().min(1) })], { error: "name one of user_name, service_principal_name" }).optional(),
  permissions: z
    .array(
      z
        .object({ level: z.enum(["CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"]) })
        .catchall(z.string())
        .refine((entry) => principal.safeParse(Object.fromEntries(Object.entries(entry).filter(([key]) => key !== "level"))).success, "name one of user_name, group_name, service_principal_name"),
    )
    .optional(),
  email_notifications: z
    .strictObject({
      on_start: orchcWritesEmail("onStart"),
      on_success: orchcWritesEmail("onSuccess"),
      on_failure: orchcWritesEmail("onFailure"),
      on_duration_warning_threshold_exceeded: addresses,
      on_streaming_backlog_exceeded: addresses,
      no_alert_for_skipped_runs: z.boolean().optional(),
    })
    .optional(),
  webhook_notifications: z
    .strictObject({ on_start: webhooks, on_success: webhooks, on_failure: webhooks, on_duration_warning_threshold_exceeded: webhooks, on_streaming_backlog_exceeded: webhooks })
    .optional(),
  notification_settings: z.strictObject({ no_alert_for_canceled_runs: z.boolean().optional(), no_alert_for_skipped_runs: z.boolean().optional() }).optional(),
  performance_target: z.enum(["PERFORMANCE_OPTIMIZED", "STANDARD"]).optional(),
};

/** The pipeline-level settings orchc reads itself, and the job settings it passes through, checked. */
export const databricksPipelineSettings = z.object({
  bundleUuid: z.string().uuid().optional(),
  trigger: databricksTrigger.optional(),
  continuous: databricksContinuous.optional(),
  git_source: databricksGitSource.optional(),
  ...jobSettings,
});

export const CHECKED_PIPELINE_SETTINGS = Object.keys(databricksPipelineSettings.shape) as ReadonlyArray<keyof typeof databricksPipelineSettings.shape>;

export type DatabricksTriggerSetting = z.output<typeof databricksTrigger>;
export type DatabricksContinuousSetting = z.output<typeof databricksContinuous>;
