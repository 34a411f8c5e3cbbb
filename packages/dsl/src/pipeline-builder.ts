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

export type ComputeDeclarations = Readonly<Record<string, ComputeSpec>>;

/** An environment: a partial overlay on the pipeline, typed against its params and compute. */
export interface EnvironmentOptions<P extends ParamDeclarations, C extends ComputeDeclarations>
  extends Omit<EnvironmentSpec, "params" | "compute" | "overrides" | "trigger"> {
  /** Replaces the pipeline's trigger here; `null` removes it. */
  readonly trigger?: TriggerOptions | null;
  readonly params?: { readonly [K in keyof P]?: ParamValue<P[K]> | DatabricksRefSpec };
  readonly compute?: { readonly [K in keyof C]?: ComputeSpec };
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
   * What starts a run instead of a schedule. @example trigger: { after: [nightly] } (a run after each successful run of `nightly`)
   */
  readonly trigger?: TriggerOptions;
  readonly params?: Params<P>;
  readonly secrets?: Secrets<S>;
  readonly compute?: C;
  readonly defaultCompute?: keyof C & string;
  readonly environments?: Readonly<Record<string, EnvironmentOptions<P, C>>>;
}

/** A pipeline under construction; `task()` declares tasks on it. Export it to build it. */
export class PipelineBuilder<
  Id extends string = string,
  P extends ParamDeclarations = ParamDeclarations,
  S extends SecretDeclarations = SecretDeclarations,
  C extends ComputeDeclarations = ComputeDeclarations,
> implements PipelineDefinition
{
  readonly [PIPELINE_BRAND] = true as const;
  readonly id: Id;
  readonly #options: PipelineOptions<P, S, C>;
  readonly #tasks: Array<TaskBuilder<Id, keyof C & string>> = [];
  #overrides: TargetOverridesSpec = {};

  constructor(id: Id, options: PipelineOptions<P, S, C>) {
    this.id = id;
    this.#options = options;
  }

  /** Declares a task. @example daily.task("load", sh`python load.py`).after(extract) */
  task(id: string, action: ActionSpec): TaskBuilder<Id, keyof C & string> {
    const task = new TaskBuilder<Id, keyof C & string>(this.id, id, action);
    this.#tasks.push(task);
    return task;
  }

  /** DAG arguments for Airflow. @example .airflow({ max_active_tasks: 4, startDate: "2025-01-01" }) */
  airflow(overrides: AirflowPipelineOverrides): this {
    return this.#override("airflow", overrides);
  }
  /** Databricks job fields, and `bundleName`. @example .databricks({ queue: { enabled: true } }) */
  databricks(overrides: DatabricksPipelineOverrides): this {
    return this.#override("databricks", overrides);
  }
  /** Keys of the workflow. @example .githubActions({ "run-name": "nightly ${{ github.event_name }}" }) */
  githubActions(overrides: GithubActionsPipelineOverrides): this {
    return this.#override("githubActions", overrides);
  }
  /** Settings of the local runner. @example .local({ parallel: 2 }) */
  local(overrides: LocalPipelineOverrides): this {
    return this.#override("local", overrides);
  }

  #override(target: keyof TargetOverridesSpec, overrides: OverrideSpec): this {
    this.#overrides = withOverrides(this.#overrides, target, overrides);
    return this;
  }

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
 * Declares a pipeline.
 *
 * @example
 * const p = params({ catalog: { type: "string", default: "dev" } });
 * const daily = pipeline("daily", { schedule: cron("0 6 * * *"), params: p });
 * const extract = daily.task("extract", sh`python extract.py --catalog ${p.catalog}`);
 * daily.task("load", python("load.py")).after(extract).retries(2, { delay: "60s" });
 * export default daily;
 */
export function pipeline<
  const Id extends string,
  const P extends ParamDeclarations = {},
  const S extends SecretDeclarations = {},
  const C extends ComputeDeclarations = {},
>(id: Id, options: PipelineOptions<P, S, C> = {}): PipelineBuilder<Id, P, S, C> {
  return new PipelineBuilder(id, options);
}
