import { PIPELINE_BRAND, type PipelineDefinition } from "./brand.js";
import { DECLARATIONS, type ParamDeclarations, type ParamValue, type Params, type SecretDeclarations, type Secrets } from "./params.js";
import type { ActionSpec, ComputeSpec, EnvironmentSpec, OverrideSpec, PipelineSpec, TargetOverridesSpec } from "./spec.js";
import type { AirflowPipelineOverrides } from "./airflow-overrides.js";
import type { DatabricksEnvironmentOverrides, DatabricksPipelineOverrides } from "./databricks-overrides.js";
import type { DatabricksRefSpec } from "./databricks-refs.js";
import type { GithubActionsPipelineOverrides } from "./github-actions-overrides.js";
import type { LocalPipelineOverrides } from "./local-overrides.js";
import { TaskBuilder } from "./task-builder.js";
import { triggerSpec, type TriggerOptions } from "./trigger.js";
import { withOverrides } from "./target-overrides.js";

/** A pipeline's compute, by the key tasks name it by in `.compute(key)`. */
export type ComputeDeclarations = Readonly<Record<string, ComputeSpec>>;

/** An environment: a partial overlay on the pipeline, typed against its params and compute. */
export interface EnvironmentOptions<P extends ParamDeclarations, C extends ComputeDeclarations>
  extends Omit<EnvironmentSpec, "params" | "compute" | "overrides" | "trigger"> {
  /** Replaces the pipeline's trigger here; `null` removes it. */
  readonly trigger?: TriggerOptions | null;
  /** Param values in this environment, each of its declared type (an undeclared name is a type error); a `databricksRef` only where the pipeline is built for Databricks alone. */
  readonly params?: { readonly [K in keyof P]?: ParamValue<P[K]> | DatabricksRefSpec };
  /** Replaces declared compute here, by key (e.g. a smaller cluster in dev). */
  readonly compute?: { readonly [K in keyof C]?: ComputeSpec };
  /** Per-target settings for this environment, merged over the pipeline's; `databricks` also takes the bundle target's own settings (`mode`, `host`, `presets`, …). */
  readonly overrides?: {
    readonly airflow?: AirflowPipelineOverrides;
    readonly databricks?: DatabricksEnvironmentOverrides & DatabricksPipelineOverrides;
    readonly githubActions?: OverrideSpec;
    readonly local?: LocalPipelineOverrides;
  };
}

/** The pipeline's fields, with params, secrets and compute typed so that tasks can be checked against them. */
export interface PipelineOptions<P extends ParamDeclarations, S extends SecretDeclarations, C extends ComputeDeclarations>
  extends Omit<PipelineSpec, "id" | "tasks" | "params" | "secrets" | "compute" | "defaultCompute" | "environments" | "overrides" | "trigger"> {
  /**
   * What starts a run instead of a schedule.
   *
   * @example
   * ```ts
   * trigger: { after: [nightly] } (a run after each successful run of `nightly`)
   * ```
   */
  readonly trigger?: TriggerOptions;
  /** The result of `params({...})`; its properties are the references tasks use. */
  readonly params?: Params<P>;
  /** The result of `secrets({...})`; values never enter generated files. */
  readonly secrets?: Secrets<S>;
  /** Compute tasks run on, by key: `cluster`, `existingCluster`, `warehouse`, `sqlWarehouse`, `serverless`, `runner`. */
  readonly compute?: C;
  /** The key of the compute a task runs on when it names none. */
  readonly defaultCompute?: keyof C & string;
  /** Named overlays (`dev`, `prod`, …) chosen with `orchc build -e <name>`; without `-e`, the one with `default: true`, else none. */
  readonly environments?: Readonly<Record<string, EnvironmentOptions<P, C>>>;
}

/**
 * A pipeline under construction (what `pipeline()` returns); `task()` declares tasks on it. Export
 * it from `pipeline.ts` (default or named) for `orchc build` and `orchc run` to find it.
 *
 * @example
 * ```ts
 * const daily = pipeline("daily", { schedule: cron("@daily") });
 * daily.task("hello", sh`echo hello`);
 * export default daily;
 * ```
 */
export class PipelineBuilder<
  Id extends string = string,
  P extends ParamDeclarations = ParamDeclarations,
  S extends SecretDeclarations = SecretDeclarations,
  C extends ComputeDeclarations = ComputeDeclarations,
> implements PipelineDefinition
{
  /** Marks the value as a pipeline for the CLI, whichever copy of orchc created it. */
  readonly [PIPELINE_BRAND] = true as const;
  /** The pipeline's id: the Airflow dag_id, the Databricks job's resource key, the workflow file's name, the runner file's name. */
  readonly id: Id;
  readonly #options: PipelineOptions<P, S, C>;
  readonly #tasks: Array<TaskBuilder<Id, keyof C & string>> = [];
  #overrides: TargetOverridesSpec = {};

  /** Use `pipeline(id, options)`, which infers the param, secret and compute names. */
  constructor(id: Id, options: PipelineOptions<P, S, C>) {
    this.id = id;
    this.#options = options;
  }

  /**
   * Declares a task with its action (`sh`, `python`, `notebook`, …) and returns its handle, which
   * configures it (`.after()`, `.retries()`, …) and is what other tasks run after. Ids are unique in
   * a pipeline (ORC112 otherwise).
   *
   * @example
   * ```ts
   * const load = daily.task("load", sh`python load.py`).after(extract);
   * ```
   */
  task(id: string, action: ActionSpec): TaskBuilder<Id, keyof C & string> {
    const task = new TaskBuilder<Id, keyof C & string>(this.id, id, action);
    this.#tasks.push(task);
    return task;
  }

  /**
   * DAG arguments for Airflow, merged last; other targets ignore them. Unknown keys are build errors.
   *
   * @example
   * ```ts
   * .airflow({ max_active_tasks: 4, startDate: "2025-01-01" })
   * ```
   */
  airflow(overrides: AirflowPipelineOverrides): this {
    return this.#override("airflow", overrides);
  }
  /**
   * Fields of the Databricks job, and the bundle's `bundleName`/`bundleUuid`, merged last; other
   * targets ignore them.
   *
   * @example
   * ```ts
   * .databricks({ queue: { enabled: true }, bundleName: "sales" })
   * ```
   */
  databricks(overrides: DatabricksPipelineOverrides): this {
    return this.#override("databricks", overrides);
  }
  /**
   * Keys of the GitHub Actions workflow, merged last and written as given; other targets ignore them.
   *
   * @example
   * ```ts
   * .githubActions({ "run-name": "nightly ${{ github.event_name }}" })
   * ```
   */
  githubActions(overrides: GithubActionsPipelineOverrides): this {
    return this.#override("githubActions", overrides);
  }
  /**
   * Settings of the local runner (`orchc run`, the standalone file); other targets ignore them.
   *
   * @example
   * ```ts
   * .local({ parallel: 2 })
   * ```
   */
  local(overrides: LocalPipelineOverrides): this {
    return this.#override("local", overrides);
  }

  #override(target: keyof TargetOverridesSpec, overrides: OverrideSpec): this {
    this.#overrides = withOverrides(this.#overrides, target, overrides);
    return this;
  }

  /**
   * The pipeline as plain data, tasks included: what the compiler validates and lowers.
   *
   * @example
   * ```ts
   * const spec = daily.toSpec(); // { id: "daily", schedule: {...}, tasks: [...] }
   * ```
   */
  toSpec(): PipelineSpec {
    const { params: paramRefs, secrets: secretRefs, environments, trigger, ...rest } = this.#options;
    return {
      id: this.id,
      ...rest,
      ...(trigger !== undefined && { trigger: triggerSpec(trigger) }),
      ...(paramRefs && { params: paramRefs[DECLARATIONS] }),
      ...(secretRefs && { secrets: secretRefs[DECLARATIONS] }),
      ...(environments && { environments: withTriggerSpecs(environments) as PipelineSpec["environments"] }),
      ...(Object.keys(this.#overrides).length > 0 && { overrides: this.#overrides }),
      tasks: this.#tasks.map((task) => task.toSpec()),
    };
  }
}

function withTriggerSpecs(environments: Readonly<Record<string, { readonly trigger?: TriggerOptions | null }>>): Readonly<Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(environments).map(([name, environment]) =>
      [name, environment?.trigger === undefined ? environment : { ...environment, trigger: triggerSpec(environment.trigger) }]),
  );
}

/**
 * Declares a pipeline: its id (unique in a build: the DAG id, job key, workflow and runner file
 * name) and its options. Tasks are added with `.task()`; export the result from `pipeline.ts`.
 *
 * @example
 * ```ts
 * const p = params({ catalog: { type: "string", default: "dev" } });
 * const daily = pipeline("daily", { schedule: cron("0 6 * * *"), params: p });
 * const extract = daily.task("extract", sh`python extract.py --catalog ${p.catalog}`);
 * daily.task("load", python("load.py")).after(extract).retries(2, { delay: "60s" });
 * export default daily;
 * ```
 */
export function pipeline<
  const Id extends string,
  const P extends ParamDeclarations = {},
  const S extends SecretDeclarations = {},
  const C extends ComputeDeclarations = {},
>(id: Id, options: PipelineOptions<P, S, C> = {}): PipelineBuilder<Id, P, S, C> {
  return new PipelineBuilder(id, options);
}
