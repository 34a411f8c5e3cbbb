/**
 * What a `pipeline.ts` imports from `orchc`: `pipeline()` and the task builder, the actions a task
 * runs (`sh`, `python`, `notebook`, …), `params()`, `secrets()`, compute, and the plain-object form
 * (`definePipeline`). `orchc build --target airflow|databricks|github-actions|local` compiles the
 * exported pipelines; each symbol's page says what it means on each target.
 *
 * @packageDocumentation
 */
export * from "./spec.js";
export { cron, SCHEDULE_PRESETS, type SchedulePreset } from "./schedule.js";
export { triggerSpec, type PipelineReference, type TriggerOptions } from "./trigger.js";
export { params, secrets, DECLARATIONS, type Params, type Secrets, type ParamDeclarations, type SecretDeclarations, type ParamValue } from "./params.js";
export { concat, run, item, shellQuote, isParamRef, isSecretRef, isRunValue, isOutputRef, isItemRef, isItemList, isTemplate, isInvalidInterpolation, type InvalidInterpolation, type ParamRef, type SecretRef, type Ref } from "./refs.js";
export { sh, shell, python, notebook, sparkPython, pythonWheel, sparkJar, dbt, lakeflowPipeline, sql, type PythonWheelOptions, type SqlNotifyingSource, type SqlSource } from "./actions.js";
export { runPipeline, type RunPipelineParams } from "./run-pipeline.js";
export { cluster, existingCluster, warehouse, sqlWarehouse, serverless, runner } from "./compute.js";
export { TaskBuilder, type OutputDeclarations, type OutputRefs, type TaskHandle } from "./task-builder.js";
export { PipelineBuilder, pipeline, type PipelineOptions, type EnvironmentOptions, type ComputeDeclarations } from "./pipeline-builder.js";
export { definePipeline, normalizePipelineInput, type KeyedTask, type PipelineInput } from "./define-pipeline.js";
export type { AirflowPipelineOverrides, AirflowTaskOverrides } from "./airflow-overrides.js";
export type { GithubActionsPipelineOverrides, GithubActionsTaskOverrides } from "./github-actions-overrides.js";
export type { LocalPipelineOverrides, LocalTaskOverrides } from "./local-overrides.js";
export type { DatabricksContinuous, DatabricksEmailNotifications, DatabricksEnvironmentOverrides, DatabricksGitSource, DatabricksHealthRules, DatabricksPauseStatus, DatabricksPipelineOverrides, DatabricksTaskOverrides, DatabricksTrigger, DatabricksWebhookNotifications } from "./databricks-overrides.js";
export { databricksRef, databricksValue, isDatabricksRef, isDatabricksValue, type DatabricksRefPath, type DatabricksRefSpec, type DatabricksValuePath, type DatabricksValueSpec } from "./databricks-refs.js";
export { PIPELINE_BRAND, isPipelineDefinition, type PipelineDefinition } from "./brand.js";
export { TARGET_ALLOWANCES, TARGET_KEYS, type Allowance, type PipelineTargetsSpec, type TargetKey } from "./pipeline-targets.js";
export { outputEnvName, ITEM_ENV, OUTPUTS_DIR_ENV, OUTPUT_MAX_BYTES, readOutput } from "./outputs.js";
