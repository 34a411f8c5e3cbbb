/**
 * Everything in the IR a target may or may not be able to express. Adding a feature here is a
 * compile error in every target until each declares what it does with it.
 */
export const FEATURES = [
  "action.shell",
  "action.python",
  "action.notebook",
  "action.sparkPython",
  "action.pythonWheel",
  "action.sparkJar",
  "action.dbt",
  "action.lakeflowPipeline",
  "action.sql",
  "action.runPipeline",
  "runIf.allSuccess",
  "runIf.allDone",
  "runIf.allFailed",
  "runIf.atLeastOneFailed",
  "runIf.atLeastOneSuccess",
  "runIf.noneFailed",
  "retry.count",
  "retry.delay",
  "retry.exponentialBackoff",
  "retry.maxDelay",
  "retry.onTimeout",
  "task.timeout",
  "task.optional",
  "task.env",
  "task.workingDir",
  "task.group",
  "task.forEach",
  "pipeline.schedule",
  "pipeline.scheduleTimezone",
  "pipeline.trigger.after",
  "pipeline.trigger.fileArrival",
  "pipeline.trigger.tableUpdate",
  "pipeline.paused",
  "pipeline.timeout",
  "pipeline.maxConcurrentRuns",
  "pipeline.artifacts",
  "params",
  "params.databricksReference",
  "value.runId",
  "value.runDate",
  "value.databricksReference",
  "secrets",
  "notify.onStart",
  "notify.onSuccess",
  "notify.onFailure",
  "compute.cluster",
  "compute.existingCluster",
  "compute.warehouse",
  "compute.sqlWarehouse",
  "compute.serverless",
  "compute.runner",
  "compute.existingClusterByName",
  "compute.warehouseByName",
  "compute.instancePoolByName",
  "compute.clusterPolicyByName",
] as const;

export type Feature = (typeof FEATURES)[number];

export type Capability =
  | { readonly supported: true; readonly note?: string }
  | {
      readonly supported: false;
      readonly reason: string;
      readonly wayOut: string;
      /**
       * What the target writes when a pipeline's `targets` allows it to drop or emulate the feature,
       * in words for diagnostics, `orchc targets` and the generated files; the choices themselves are
       * the DSL's TARGET_ALLOWANCES, and a test keeps the two in step.
       */
      readonly allow?: { readonly drop?: string; readonly emulate?: string };
    };

export type Capabilities = Readonly<Record<Feature, Capability>>;

export const SUPPORTED: Capability = { supported: true };
