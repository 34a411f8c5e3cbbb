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

/** A reference to a declared param, as data (`p.catalog` is one); each target renders it in its own syntax. */
export interface ParamRefSpec {
  /** The param's name. */
  readonly $param: string;
}
/** A reference to a declared secret, as data; the value is read where the task runs, never written into files. */
export interface SecretRefSpec {
  /** The secret's name. */
  readonly $secret: string;
}
/** What every orchestrator knows of the run a task is in: its id, and the date it runs for. */
export const RUN_VALUES = ["id", "date"] as const;
/** `"id"` or `"date"`: the run values `run.id` and `run.date`. */
export type RunValueName = (typeof RUN_VALUES)[number];
/** A run value as data (`run.id`, `run.date`). */
export interface RunValueSpec {
  /** Which run value. */
  readonly $run: RunValueName;
}
/** The types a task output may have: text, a JSON number, `true`/`false`, or a JSON array. */
export const OUTPUT_TYPES = ["string", "number", "boolean", "list"] as const;
/** The declared type of a task output, checked when the writing attempt ends (a wrong value fails the attempt). */
export type OutputType = (typeof OUTPUT_TYPES)[number];
/** A value another task of the pipeline writes (`.outputs({...})`); reading one makes the reader run after the writer. */
export interface OutputRefSpec {
  /** The writing task's id and the output's name. */
  readonly $output: { readonly task: string; readonly name: string };
}
/** The item the current iteration of a for-each task runs for, as text (`item` in the DSL). */
export interface ItemRefSpec {
  /** Always `true`: the marker of the item reference. */
  readonly $item: true;
}
/**
 * Runs a task once per item of a list: fixed items, a string param holding a JSON array of strings,
 * or a `list` output of a task before it. Each iteration reads its item through `item`.
 */
export interface ForEachSpec {
  /** The items written out (numbers become text), a string param holding a JSON array of strings, or a `list` output. */
  readonly items: ReadonlyArray<string | number> | ParamRefSpec | OutputRefSpec;
  /** At most this many iterations run at once (default 1: one after another). */
  readonly concurrency?: number;
}
/** Text and references concatenated; in a shell command the text parts are shell code. */
export interface TemplateSpec {
  /** The parts, in order. */
  readonly $template: ReadonlyArray<string | ReferenceSpec>;
}
/** What a value may hold besides text: the run's values everywhere, Databricks' own references only where the pipeline is built for Databricks alone. */
export type ReferenceSpec = ParamRefSpec | SecretRefSpec | RunValueSpec | OutputRefSpec | ItemRefSpec | DatabricksRefSpec | DatabricksValueSpec;
/** A value a task passes on (a command, an argument, a parameter, an env value): a literal, a reference, or a template of both. */
export type ValueSpec = string | number | boolean | ReferenceSpec | TemplateSpec;

/**
 * A param's declaration: its type, an optional default (a param without one must be given at run
 * time) and description. Airflow `Param`, Databricks a bundle variable and job parameter, GitHub
 * Actions a `workflow_dispatch` input, local `--param`.
 */
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

/**
 * Where a secret's value is found on each target. Local: the environment variable `env`; GitHub
 * Actions: the repository secret of that name; Airflow: an Airflow Variable (by `key`, else the
 * name); Databricks: `{{secrets/<scope>/<key>}}` (a `scope` is required there).
 */
export interface SecretSpec {
  /** What the secret is, for the reader. */
  readonly description?: string;
  /** Environment variable that holds it where the pipeline runs (default: the name in UPPER_SNAKE). */
  readonly env?: string;
  /** Databricks secret scope. */
  readonly scope?: string;
  /** Key in the scope (Databricks) or Airflow Variable (default: the secret's name). */
  readonly key?: string;
}

/** When runs start on their own (what `cron()` returns). */
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

/** Who gets an e-mail. */
export interface EmailTargets {
  /** E-mail addresses. */
  readonly email: ReadonlyArray<string>;
}
/**
 * E-mails when a run starts, succeeds or fails. Databricks `email_notifications`; Airflow DAG
 * callbacks with `SmtpNotifier` (no start: refused unless `targets` drops it); GitHub Actions has no
 * e-mail setting (refused unless dropped); the local runner sends nothing.
 */
export interface NotifySpec {
  /** When a run starts. */
  readonly onStart?: EmailTargets;
  /** When a run succeeds. */
  readonly onSuccess?: EmailTargets;
  /** When a run fails. */
  readonly onFailure?: EmailTargets;
}

/** The sizes a `sqlWarehouse` may have, smallest first. */
export const WAREHOUSE_SIZES = ["2X-Small", "X-Small", "Small", "Medium", "Large", "X-Large", "2X-Large", "3X-Large", "4X-Large", "5X-Large"] as const;
/** A SQL warehouse's size (Databricks `cluster_size`). */
export type WarehouseSize = (typeof WAREHOUSE_SIZES)[number];

/**
 * An object of the Databricks workspace (a cluster, a warehouse, an instance pool, a cluster policy):
 * by id, or by its name there, which a Databricks bundle looks up at deploy (a `lookup` variable).
 */
export type WorkspaceObjectSpec = { readonly id: string; readonly name?: never } | { readonly name: string; readonly id?: never };

/**
 * Where tasks run, as `cluster()`, `existingCluster()`, `warehouse()`, `sqlWarehouse()`,
 * `serverless()` and `runner()` write it. Databricks and Airflow (a Databricks run) use the
 * Databricks kinds; GitHub Actions only `runner`; the local runner ignores compute.
 */
export type ComputeSpec =
  | ({
      readonly kind: "cluster";
      readonly sparkVersion: string;
      readonly workers?: number;
      readonly autoscale?: { readonly min: number; readonly max: number };
      readonly sparkConf?: Readonly<Record<string, string>>;
      readonly env?: Readonly<Record<string, string>>;
      /**
       * The cluster policy it is created under (`policy_id`).
       *
       * @example
       * ```ts
       * { name: "Job Compute" }
       * ```
       */
      readonly policy?: WorkspaceObjectSpec;
      /**
       * Further `new_cluster` fields for Databricks (on the databricks and airflow targets), written as given.
       *
       * @example
       * ```ts
       * { data_security_mode: "SINGLE_USER" }
       * ```
       */
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
      /**
       * Further fields of the bundle's `sql_warehouses` resource, written as given.
       *
       * @example
       * ```ts
       * { spot_instance_policy: "COST_OPTIMIZED" }
       * ```
       */
      readonly databricks?: OverrideSpec;
    }
  | {
      readonly kind: "serverless";
      readonly dependencies?: ReadonlyArray<string>;
      readonly environmentVersion?: string;
    }
  | { readonly kind: "runner"; readonly runsOn: string | ReadonlyArray<string> };

/** What a task runs, as `sh`, `python`, `notebook`, `sparkPython`, `pythonWheel`, `sparkJar`, `dbt`, `lakeflowPipeline`, `sql` and `runPipeline` write it. */
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
  /** Catalog the dbt models are built in (Databricks writes it into the profile). */
  readonly catalog?: string;
  /** Schema the dbt models are built in. */
  readonly schema?: string;
  /** Where the project comes from: the workspace (default) or the job's Git source (`.databricks({ git_source })`). */
  readonly source?: "workspace" | "git";
  /** More libraries; `dbt-databricks>=1.8.0,<2.0.0` is added unless a PyPI `dbt-databricks` pins it. */
  readonly libraries?: ReadonlyArray<LibrarySpec>;
}

/** A subscriber of a SQL alert or dashboard task: a workspace user, or a notification destination by id. */
export type SqlSubscriptionSpec = { readonly user: string } | { readonly destination: string };

/** The kinds of action: `shell`, `python`, `notebook`, … */
export type ActionKind = ActionSpec["kind"];

/** The rules `.runIf()` takes; docs/semantics.md says how each reads the states before it. */
export const RUN_IF_RULES = [
  "allSuccess",
  "allDone",
  "allFailed",
  "atLeastOneFailed",
  "atLeastOneSuccess",
  "noneFailed",
] as const;
/** When a task runs, given how the tasks it runs after ended (`.runIf()`). */
export type RunIf = (typeof RUN_IF_RULES)[number];

/** A task's retries as data (what `.retries(count, options)` stores). */
export interface RetrySpec extends RetryOptions {
  /** Retries after the first attempt (0: none). */
  readonly count: number;
}

/** How a task is retried, besides how often (a plain interface: cheaper to check than an Omit). */
export interface RetryOptions {
  /** Wait before each retry (default 0 s). */
  readonly delay?: Duration;
  /** `exponential` doubles the delay after every attempt, up to `maxDelay`. */
  readonly backoff?: "fixed" | "exponential";
  /** The longest wait between attempts with exponential backoff (refused on Databricks unless dropped). */
  readonly maxDelay?: Duration;
  /** Retry an attempt that hit the task timeout (default false). */
  readonly onTimeout?: boolean;
}

/** Any JSON value: what per-target overrides may hold. */
export type JsonValue = string | number | boolean | null | ReadonlyArray<JsonValue> | { readonly [key: string]: JsonValue };

/** Arguments merged last into what a target emits (JSON only); the target validates their shape. */
export type OverrideSpec = Readonly<Record<string, JsonValue>>;
/** Per-target settings of a task, pipeline or environment (what `.airflow()`, `.databricks()`, … store); each target reads only its own. */
export interface TargetOverridesSpec {
  /** Operator (task) or DAG (pipeline) arguments. */
  readonly airflow?: OverrideSpec;
  /** Task, job or bundle-target fields. */
  readonly databricks?: OverrideSpec;
  /** Job (task) or workflow (pipeline) keys. */
  readonly githubActions?: OverrideSpec;
  /** How the local runner runs it. */
  readonly local?: OverrideSpec;
}

/** A task as data: what `TaskBuilder` builds and the plain-object form writes. Each field is the builder method of the same name. */
export interface TaskSpec {
  /** Unique in the pipeline. */
  readonly id: string;
  /** See `TaskBuilder.description()`. */
  readonly description?: string;
  /** What the task runs. */
  readonly action: ActionSpec;
  /** Ids of the tasks it runs after. */
  readonly after?: ReadonlyArray<string>;
  /** See `TaskBuilder.retries()`. */
  readonly retries?: RetrySpec;
  /** Per attempt; see `TaskBuilder.timeout()`. */
  readonly timeout?: Duration;
  /** Default `allSuccess`; see `TaskBuilder.runIf()`. */
  readonly runIf?: RunIf;
  /** A non-critical task: its failure makes the run PARTIAL instead of FAILED. */
  readonly optional?: boolean;
  /** Environment variables of the task's process; see `TaskBuilder.env()`. */
  readonly env?: Readonly<Record<string, ValueSpec>>;
  /** What the task writes for the tasks after it, by name: each a file in the folder `$ORCHC_OUTPUTS` names. */
  readonly outputs?: Readonly<Record<string, OutputType>>;
  /** Runs the task once per item of a list; every iteration runs and retries on its own, and the task fails once all ended if any failed. */
  readonly forEach?: ForEachSpec;
  /** See `TaskBuilder.workingDir()`. */
  readonly workingDir?: string;
  /** Key of a pipeline compute (default: the pipeline's `defaultCompute`). */
  readonly compute?: string;
  /** See `TaskBuilder.group()`. */
  readonly group?: string;
  /** Labels for `--select tag:<tag>`; not written into target files. */
  readonly tags?: ReadonlyArray<string>;
  /** Per-target settings, merged last. */
  readonly overrides?: TargetOverridesSpec;
}

/**
 * An environment: a partial overlay on the pipeline, chosen with `orchc build -e <name>` (every
 * target), and a bundle target of its own on Databricks. A field left out keeps the pipeline's.
 */
export interface EnvironmentSpec {
  /** Applies when `-e` is not given (at most one environment). */
  readonly default?: boolean;
  /** Goes before the pipeline's name (`"[DEV] "`): the DAG display name, job name, workflow name. */
  readonly namePrefix?: string;
  /** Runs do not start on their own here (see `PipelineSpec.paused`). */
  readonly paused?: boolean;
  /** Replaces the pipeline's schedule here; `null` removes it. */
  readonly schedule?: ScheduleSpec | null;
  /** Replaces the pipeline's trigger here; `null` removes it. */
  readonly trigger?: TriggerSpec | null;
  /** A param's value in this environment; a Databricks reference (`databricksRef`) only where the pipeline is built for Databricks alone. */
  readonly params?: Readonly<Record<string, string | number | boolean | DatabricksRefSpec>>;
  /** Replaces the pipeline's run timeout here; `null` removes it. */
  readonly timeout?: Duration | null;
  /** Replaces the pipeline's e-mails here; `null` sends none. */
  readonly notify?: NotifySpec | null;
  /** Replaces declared compute here, by key. */
  readonly compute?: Readonly<Record<string, ComputeSpec>>;
  /** Per-target settings here, merged over the pipeline's. */
  readonly overrides?: TargetOverridesSpec;
}

/** The canonical pipeline data every input form becomes; what `toSpec()` returns and `pipeline.json`/`pipeline.yaml` hold. */
export interface PipelineSpec {
  /** Unique in a build: the Airflow dag_id, the Databricks job key, the workflow and runner file names. */
  readonly id: string;
  /** Display name (a Databricks job name, an Airflow display name); default: the id. */
  readonly name?: string;
  /** Airflow `description`, the Databricks job's `description`. */
  readonly description?: string;
  /** Airflow `default_args` owner. */
  readonly owner?: string;
  /** Airflow DAG `tags`, Databricks job `tags` (each a key). */
  readonly tags?: ReadonlyArray<string>;
  /** When runs start on their own (`cron(...)`); a pipeline has a schedule or a trigger, not both. */
  readonly schedule?: ScheduleSpec;
  /** What else starts a run: another pipeline's success, a file, a table update. */
  readonly trigger?: TriggerSpec;
  /** Airflow `is_paused_upon_creation`, Databricks `pause_status: PAUSED`, GitHub Actions no `schedule:` (manual runs stay); nothing locally. */
  readonly paused?: boolean;
  /** Bounds the whole run; past it the run is FAILED. Airflow `dagrun_timeout` (scheduler only), Databricks `timeout_seconds`, GitHub Actions refused unless emulated or dropped (`targets`), local the runner. */
  readonly timeout?: Duration;
  /** Airflow `max_active_runs`, Databricks `max_concurrent_runs`, GitHub Actions a concurrency group (1 only), local a lock on the machine. */
  readonly maxConcurrentRuns?: number;
  /** Declared params, by name (the builder takes `params({...})`). */
  readonly params?: Readonly<Record<string, ParamSpec>>;
  /** Declared secrets, by name (the builder takes `secrets({...})`). */
  readonly secrets?: Readonly<Record<string, SecretSpec>>;
  /** E-mails on start, success, failure. */
  readonly notify?: NotifySpec;
  /** Compute tasks run on, by key. */
  readonly compute?: Readonly<Record<string, ComputeSpec>>;
  /** Compute used by tasks that name none. */
  readonly defaultCompute?: string;
  /** Named overlays chosen with `-e <name>`. */
  readonly environments?: Readonly<Record<string, EnvironmentSpec>>;
  /** What a Databricks bundle builds before deploying (a wheel a pythonWheel task installs), by key. */
  readonly artifacts?: Readonly<Record<string, ArtifactSpec>>;
  /** The targets this pipeline is built for, and what each may drop or emulate; absent: every target, nothing dropped. */
  readonly targets?: PipelineTargetsSpec;
  /** The tasks, in any order (dependencies decide the order they run in). */
  readonly tasks: ReadonlyArray<TaskSpec>;
  /** Per-target settings, merged last. */
  readonly overrides?: TargetOverridesSpec;
}
