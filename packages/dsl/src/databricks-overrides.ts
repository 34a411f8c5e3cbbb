import type { JsonValue } from "./spec.js";

/**
 * What `.databricks({...})` may set, named as the bundle schema names them. Values that are
 * objects are passed through as written (the generated bundle is validated against the schema).
 */
export type DatabricksTaskOverrides = {
  readonly libraries?: ReadonlyArray<{ readonly [key: string]: JsonValue }>;
  readonly email_notifications?: { readonly [key: string]: JsonValue };
  readonly webhook_notifications?: { readonly [key: string]: JsonValue };
  readonly notification_settings?: { readonly [key: string]: JsonValue };
  readonly health?: { readonly rules: ReadonlyArray<{ readonly metric: string; readonly op: "GREATER_THAN"; readonly value: number }> };
  readonly disabled?: boolean;
  readonly disable_auto_optimization?: boolean;
};

export type DatabricksPipelineOverrides = {
  /** `bundle.name` of the generated bundle (default: the first pipeline's id). */
  readonly bundleName?: string;
  readonly queue?: { readonly enabled: boolean };
  readonly run_as?: { readonly user_name: string } | { readonly service_principal_name: string };
  readonly permissions?: ReadonlyArray<{ readonly [key: string]: JsonValue }>;
  readonly health?: { readonly rules: ReadonlyArray<{ readonly metric: string; readonly op: "GREATER_THAN"; readonly value: number }> };
  readonly notification_settings?: { readonly [key: string]: JsonValue };
  readonly webhook_notifications?: { readonly [key: string]: JsonValue };
  readonly performance_target?: "PERFORMANCE_OPTIMIZED" | "STANDARD";
  readonly budget_policy_id?: string;
};

/** In `environments.<name>.overrides.databricks`: the bundle target's own settings. */
export type DatabricksEnvironmentOverrides = {
  readonly mode?: "development" | "production";
  readonly host?: string;
  readonly rootPath?: string;
};
