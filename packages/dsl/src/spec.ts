import type { DatabricksRefSpec, DatabricksValueSpec } from "./databricks-refs.js";
/**
 * The canonical pipeline data. Every input form (builder, plain objects, JSON, YAML) becomes this
 * shape. Hand-written interfaces keep user type-checks fast; `spec-schema.ts` holds the zod schemas
 * the compiler validates with, and a type test proves the two agree.
 */

import type { ArtifactSpec, LibrarySpec } from "./library-spec.js";
import type { PipelineTargetsSpec } from "./pipeline-targets.js";

export type { ArtifactSpec, LibrarySpec } from "./library-spec.js";

/** A duration: seconds as a number, or a number with a unit (`"90s"`, `"5m"`, `"3h"`, `"1d"`). */
export type Duration = number | `${number}${"s" | "m" | "h" | "d"}`;

export interface ParamRefSpec {
  readonly $param: string;
}
export interface SecretRefSpec {
  readonly $secret: string;
}
/** What every orchestrator knows of the run a task is in: its id, and the date it runs for. */
export const RUN_VALUES = ["id", "date"] as const;
export type RunValueName = (typeof RUN_VALUES)[number];
export interface RunValueSpec {
  readonly $run: RunValueName;
}
/** The types a task output may have: text, a JSON number, `true`/`false`, or a JSON array. */
export const OUTPUT_TYPES = ["string", "number", "boolean", "list"] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];
/** A value another task of the pipeline writes (`.outputs({...})`); reading one makes the reader run after the writer. */
export interface OutputRefSpec {
  readonly $output: { readonly task: string; readonly name: string };
}
/** The item the current iteration of a for-each task runs for, as text (`item` in the DSL). */
export interface ItemRefSpec {
  readonly $item: true;
}
/**
 * Runs a task once per item of a list: fixed items, a string param holding a JSON array of strings,
 * or a `list` output of a task before it. Each iteration reads its item through `item`.
 */
export interface ForEachSpec {
  readonly items: ReadonlyArray<string | number> | ParamRefSpec | OutputRefSpec;
  /** At most this many iterations run at once (default 1: one after another). */
  readonly concurrency?: number;
}
/** Text and references concatenated; in a shell command the text parts are shell code. */
export interface TemplateSpec {
  readonly $template: ReadonlyArray<string | ReferenceSpec>;
}
/** What a value may hold besides text: the run's values everywhere, Databricks' own references only where the pipeline is built for Databricks alone. */
export type ReferenceSpec = ParamRefSpec | SecretRefSpec | RunValueSpec | OutputRefSpec | ItemRefSpec | DatabricksRefSpec | DatabricksValueSpec;
export type ValueSpec = string | number | boolean | ReferenceSpec | TemplateSpec;

export type ParamSpec =
  | { readonly type: "string"; readonly default?: string; readonly description?: string }
  | { readonly type: "number"; readonly default?: number; readonly description?: string }
  | { readonly type: "boolean"; readonly default?: boolean; readonly description?: string }
  | {
      readonly type: "enum";
      readonly values: ReadonlyArray<string>;
      readonly default?: string;
      readonly description?: string;
    };

export interface SecretSpec {
  readonly description?: string;
  /** Environment variable that holds it where the pipeline runs (default: the name in UPPER_SNAKE). */
  readonly env?: string;
  /** Databricks secret scope and key. */
  readonly scope?: string;
  readonly key?: string;
}

export interface ScheduleSpec {
  /** Five-field cron (`"0 6 * * *"`) or a preset (`"@daily"`). */
  readonly cron: string;
  /** IANA time zone; UTC when left out. */
  readonly timezone?: string;
}

/**
 * What starts a run besides a schedule or a person: another pipeline of the same build that
 * succeeded (any one of those named, each success starts one run), a file landing under a path, or
 * an update to any of the tables named. A pipeline has a schedule or a trigger, not both.
 */
export type TriggerSpec =
  | { readonly after: ReadonlyArray<string>; readonly fileArrival?: never; readonly tableUpdate?: never }
  | { readonly fileArrival: { readonly path: string }; readonly after?: never; readonly tableUpdate?: never }
  | { readonly tableUpdate: { readonly tables: ReadonlyArray<string> }; readonly after?: never; readonly fileArrival?: never };

export interface EmailTargets {
  readonly email: ReadonlyArray<string>;
}
export interface NotifySpec {
  readonly onStart?: EmailTargets;
  readonly onSuccess?: EmailTargets;
  readonly onFailure?: EmailTargets;
}

export const WAREHOUSE_SIZES = ["2X-Small", "X-Small", "Small", "Medium", "Large", "X-Large", "2X-Large", "3X-Large", "4X-Large", "5X-Large"] as const;
export type WarehouseSize = (typeof WAREHOUSE_SIZES)[number];

/**
 * An object of the Databricks workspace (a cluster, a warehouse, an instance pool, a cluster policy):
 * by id, or by its name there, which a Databricks bundle looks up at deploy (a `lookup` variable).
 */
export type WorkspaceObjectSpec = { readonly id: string; readonly name?: never } | { readonly name: string; readonly id?: never };

export type ComputeSpec =
  | ({
      readonly kind: "cluster";
      readonly sparkVersion: string;
      readonly workers?: number;
      readonly autoscale?: { readonly min: number; readonly max: number };
      readonly sparkConf?: Readonly<Record<string, string>>;
      readonly env?: Readonly<Record<string, string>>;
      /** The cluster policy it is created under (`policy_id`). @example { name: "Job Compute" } */
      readonly policy?: WorkspaceObjectSpec;
      /** Further `new_cluster` fields for Databricks (on the databricks and airflow targets), written as given. @example { data_security_mode: "SINGLE_USER" } */
      readonly databricks?: OverrideSpec;
    } & (
      | { readonly nodeType: string; readonly instancePool?: never }
      // Databricks refuses node_type_id beside instance_pool_id: the nodes are the pool's.
      | { readonly instancePool: WorkspaceObjectSpec; readonly nodeType?: never }
    ))
  | ({ readonly kind: "existingCluster" } & WorkspaceObjectSpec)
  | ({ readonly kind: "warehouse" } & WorkspaceObjectSpec)
  | {
      /** A SQL warehouse orchc declares: the Databricks bundle creates it on deploy. */
      readonly kind: "sqlWarehouse";
      /** Its name in the workspace (unique there); Airflow finds it by this name. */
      readonly name: string;
      readonly size: WarehouseSize;
      readonly minClusters?: number;
      readonly maxClusters?: number;
      /** Idle minutes before it stops: 0 (never) or at least 10. */
      readonly autoStopMinutes?: number;
      readonly type?: "pro" | "classic";
      readonly serverless?: boolean;
      readonly photon?: boolean;
      /** Further fields of the bundle's `sql_warehouses` resource, written as given. @example { spot_instance_policy: "COST_OPTIMIZED" } */
      readonly databricks?: OverrideSpec;
    }
  | {
      readonly kind: "serverless";
      readonly dependencies?: ReadonlyArray<string>;
      readonly environmentVersion?: string;
    }
  | { readonly kind: "runner"; readonly runsOn: string | ReadonlyArray<string> };

export type ActionSpec =
  | { readonly kind: "shell"; readonly command: ValueSpec }
  | { readonly kind: "python"; readonly script: string; readonly args?: ReadonlyArray<ValueSpec> }
  | {
      readonly kind: "notebook";
      readonly path: string;
      readonly params?: Readonly<Record<string, ValueSpec>>;
      readonly source?: "workspace" | "git";
    }
  | { readonly kind: "sparkPython"; readonly file: string; readonly args?: ReadonlyArray<ValueSpec> }
  | {
      /** A Python wheel's entry point (`python_wheel_task`); positional `parameters` or `namedParameters`, not both. */
      readonly kind: "pythonWheel";
      readonly package: string;
      readonly entryPoint: string;
      readonly parameters?: ReadonlyArray<ValueSpec>;
      readonly namedParameters?: Readonly<Record<string, ValueSpec>>;
      readonly libraries?: ReadonlyArray<LibrarySpec>;
    }
  | {
      /** A JAR's main class (`spark_jar_task`); the JAR itself is one of its libraries. */
      readonly kind: "sparkJar";
      readonly mainClass: string;
      readonly parameters?: ReadonlyArray<ValueSpec>;
      readonly libraries?: ReadonlyArray<LibrarySpec>;
    }
  | ({
      /** dbt CLI commands (`dbt_task`), each starting with `dbt`. */
      readonly kind: "dbt";
      readonly commands: ReadonlyArray<ValueSpec>;
    } & DbtOptions)
  | { readonly kind: "lakeflowPipeline"; readonly pipeline: string; readonly fullRefresh?: boolean }
  | {
      /** Another pipeline of the same build, by id: started, waited for, and its outcome taken as the task's. */
      readonly kind: "runPipeline";
      readonly pipeline: string;
      /** Values of the other pipeline's params. */
      readonly params?: Readonly<Record<string, ValueSpec>>;
    }
  | {
      /** Exactly one of `file`, `query` (inline SQL text), `savedQuery`, `alert`, `dashboard` (ids in the workspace). */
      readonly kind: "sql";
      readonly file?: string;
      readonly query?: string;
      readonly savedQuery?: string;
      readonly alert?: string;
      readonly dashboard?: string;
      /** Who an alert or dashboard run notifies. */
      readonly subscriptions?: ReadonlyArray<SqlSubscriptionSpec>;
      readonly pauseSubscriptions?: boolean;
      /** Subject of the e-mail a dashboard run sends its subscribers. */
      readonly customSubject?: string;
      readonly warehouse: string;
      readonly params?: Readonly<Record<string, ValueSpec>>;
    };

/** Where a dbt task's project is, what runs its SQL, and what it installs. */
export interface DbtOptions {
  /** The dbt project's folder: relative to the project (default: the project itself), a workspace path, or with `source: "git"` relative to the repository. */
  readonly project?: string;
  /** Folder of profiles.yml, relative to the dbt project; without `warehouse` only. */
  readonly profiles?: string;
  /** A warehouse compute that runs the SQL dbt generates (Databricks writes the profile). */
  readonly warehouse?: string;
  readonly catalog?: string;
  readonly schema?: string;
  readonly source?: "workspace" | "git";
  /** More libraries; `dbt-databricks>=1.8.0,<2.0.0` is added unless a PyPI `dbt-databricks` pins it. */
  readonly libraries?: ReadonlyArray<LibrarySpec>;
}

/** A subscriber of a SQL alert or dashboard task: a workspace user, or a notification destination by id. */
export type SqlSubscriptionSpec = { readonly user: string } | { readonly destination: string };

export type ActionKind = ActionSpec["kind"];

export const RUN_IF_RULES = [
  "allSuccess",
  "allDone",
  "allFailed",
  "atLeastOneFailed",
  "atLeastOneSuccess",
  "noneFailed",
] as const;
export type RunIf = (typeof RUN_IF_RULES)[number];

export interface RetrySpec extends RetryOptions {
  readonly count: number;
}

/** How a task is retried, besides how often (a plain interface: cheaper to check than an Omit). */
export interface RetryOptions {
  /** Wait before each retry (default 0 s). */
  readonly delay?: Duration;
  /** `exponential` doubles the delay after every attempt, up to `maxDelay`. */
  readonly backoff?: "fixed" | "exponential";
  readonly maxDelay?: Duration;
  /** Retry an attempt that hit the task timeout (default false). */
  readonly onTimeout?: boolean;
}

export type JsonValue = string | number | boolean | null | ReadonlyArray<JsonValue> | { readonly [key: string]: JsonValue };

/** Arguments merged last into what a target emits (JSON only); the target validates their shape. */
export type OverrideSpec = Readonly<Record<string, JsonValue>>;
export interface TargetOverridesSpec {
  readonly airflow?: OverrideSpec;
  readonly databricks?: OverrideSpec;
  readonly githubActions?: OverrideSpec;
  readonly local?: OverrideSpec;
}

export interface TaskSpec {
  readonly id: string;
  readonly description?: string;
  readonly action: ActionSpec;
  readonly after?: ReadonlyArray<string>;
  readonly retries?: RetrySpec;
  readonly timeout?: Duration;
  readonly runIf?: RunIf;
  /** A non-critical task: its failure makes the run PARTIAL instead of FAILED. */
  readonly optional?: boolean;
  readonly env?: Readonly<Record<string, ValueSpec>>;
  /** What the task writes for the tasks after it, by name: each a file in the folder `$ORCHC_OUTPUTS` names. */
  readonly outputs?: Readonly<Record<string, OutputType>>;
  /** Runs the task once per item of a list; every iteration runs and retries on its own, and the task fails once all ended if any failed. */
  readonly forEach?: ForEachSpec;
  readonly workingDir?: string;
  readonly compute?: string;
  readonly group?: string;
  readonly tags?: ReadonlyArray<string>;
  readonly overrides?: TargetOverridesSpec;
}

export interface EnvironmentSpec {
  readonly default?: boolean;
  readonly namePrefix?: string;
  readonly paused?: boolean;
  readonly schedule?: ScheduleSpec | null;
  /** Replaces the pipeline's trigger here; `null` removes it. */
  readonly trigger?: TriggerSpec | null;
  /** A param's value in this environment; a Databricks reference (`databricksRef`) only where the pipeline is built for Databricks alone. */
  readonly params?: Readonly<Record<string, string | number | boolean | DatabricksRefSpec>>;
  readonly timeout?: Duration | null;
  readonly notify?: NotifySpec | null;
  readonly compute?: Readonly<Record<string, ComputeSpec>>;
  readonly overrides?: TargetOverridesSpec;
}

export interface PipelineSpec {
  readonly id: string;
  /** Display name (a Databricks job name, an Airflow display name); default: the id. */
  readonly name?: string;
  readonly description?: string;
  readonly owner?: string;
  readonly tags?: ReadonlyArray<string>;
  readonly schedule?: ScheduleSpec;
  readonly trigger?: TriggerSpec;
  readonly paused?: boolean;
  readonly timeout?: Duration;
  readonly maxConcurrentRuns?: number;
  readonly params?: Readonly<Record<string, ParamSpec>>;
  readonly secrets?: Readonly<Record<string, SecretSpec>>;
  readonly notify?: NotifySpec;
  readonly compute?: Readonly<Record<string, ComputeSpec>>;
  /** Compute used by tasks that name none. */
  readonly defaultCompute?: string;
  readonly environments?: Readonly<Record<string, EnvironmentSpec>>;
  /** What a Databricks bundle builds before deploying (a wheel a pythonWheel task installs), by key. */
  readonly artifacts?: Readonly<Record<string, ArtifactSpec>>;
  /** The targets this pipeline is built for, and what each may drop or emulate; absent: every target, nothing dropped. */
  readonly targets?: PipelineTargetsSpec;
  readonly tasks: ReadonlyArray<TaskSpec>;
  readonly overrides?: TargetOverridesSpec;
}
