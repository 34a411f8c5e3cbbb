import type {
  ActionSpec,
  Duration,
  OverrideSpec,
  RetryOptions,
  RunIf,
  TargetOverridesSpec,
  OutputRefSpec,
  OutputType,
  TaskSpec,
  ValueSpec,
} from "./spec.js";

import type { AirflowTaskOverrides } from "./airflow-overrides.js";
import type { DatabricksTaskOverrides } from "./databricks-overrides.js";
import type { GithubActionsTaskOverrides } from "./github-actions-overrides.js";
import type { LocalTaskOverrides } from "./local-overrides.js";
import { withOverrides } from "./target-overrides.js";
import { isItemList, type ParamRef } from "./refs.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * What `after()` needs of a task: its id, and its pipeline's id as a literal type so a handle of
 * another pipeline is a type error. Small on purpose: checking a call against it costs the type
 * checker two properties, not the whole builder class (measured: 0.11 s per 1,000 calls).
 */
export interface TaskHandle<PipelineId extends string = string> {
  readonly id: string;
  readonly pipelineId: PipelineId;
}

/**
 * A task declared on a pipeline. Declaring it registers it; its methods configure it in place and
 * return it, so a chain reads as one sentence. `PipelineId` ties the handle to its pipeline, so a
 * handle from another pipeline is a type error in `after()`.
 */
/** A task's declared outputs, by name. */
export type OutputDeclarations = Readonly<Record<string, OutputType>>;

/** References to a task's outputs, by name: only the declared names exist, so a misspelt one is a type error. */
export type OutputRefs<Outputs extends OutputDeclarations> = { readonly [Name in keyof Outputs]: OutputRefSpec & { readonly __type?: Outputs[Name] } };

export class TaskBuilder<PipelineId extends string = string, ComputeName extends string = string, Outputs extends OutputDeclarations = {}> {
  readonly #spec: Mutable<TaskSpec>;
  /** The pipeline this task belongs to; `after()` refuses handles of another. */
  readonly pipelineId: PipelineId;

  constructor(pipelineId: PipelineId, id: string, action: ActionSpec) {
    this.pipelineId = pipelineId;
    this.#spec = { id, action };
  }

  get id(): string {
    return this.#spec.id;
  }

  /** Runs after these tasks (handles of this pipeline, or task ids). */
  after(...dependencies: Array<TaskHandle<PipelineId> | string>): this {
    const ids = dependencies.map((dependency) => {
      if (typeof dependency === "string") return dependency;
      if (dependency.pipelineId !== this.pipelineId) {
        throw new TypeError(`task \`${this.id}\` of pipeline \`${this.pipelineId}\` cannot run after \`${dependency.id}\`, a task of pipeline \`${dependency.pipelineId}\``);
      }
      return dependency.id;
    });
    this.#spec.after = [...(this.#spec.after ?? []), ...ids];
    return this;
  }

  /** Retries a failed attempt `count` times. @example .retries(2, { delay: "60s", backoff: "exponential" }) */
  retries(count: number, options: RetryOptions = {}): this {
    this.#spec.retries = { count, ...options };
    return this;
  }

  /** Fails an attempt that runs longer than this. */
  timeout(duration: Duration): this {
    this.#spec.timeout = duration;
    return this;
  }

  /** When the task runs, given how its dependencies ended (default `allSuccess`). */
  runIf(rule: RunIf): this {
    this.#spec.runIf = rule;
    return this;
  }

  /** Non-critical: a failure makes the run PARTIAL, not FAILED, and does not stop dependents' rules. */
  optional(isOptional = true): this {
    this.#spec.optional = isOptional;
    return this;
  }

  /** Environment variables for the task's process; values may be params or secrets. */
  env(variables: Readonly<Record<string, ValueSpec>>): this {
    this.#spec.env = { ...this.#spec.env, ...variables };
    return this;
  }

  /**
   * Declares what the task writes for the tasks after it: each output is a file named after it in
   * the folder `$ORCHC_OUTPUTS`, on every target (`echo 42 > "$ORCHC_OUTPUTS/rows"`); a task that
   * reads one through `.output` runs after this one.
   * @example const count = daily.task("count", sh`./count.sh`).outputs({ rows: "number" });
   *          daily.task("check", sh`./check.sh --rows ${count.output.rows}`);
   */
  outputs<const Declared extends OutputDeclarations>(declared: Declared): TaskBuilder<PipelineId, ComputeName, Declared> {
    this.#spec.outputs = { ...declared };
    return this as unknown as TaskBuilder<PipelineId, ComputeName, Declared>;
  }

  /** This task's outputs, to read in another task's values (`sh`, arguments, parameters, `env`). */
  get output(): OutputRefs<Outputs> {
    return Object.fromEntries(Object.keys(this.#spec.outputs ?? {}).map((name) => [name, { $output: { task: this.id, name } }])) as OutputRefs<Outputs>;
  }

  /**
   * Runs the task once per item of a list: fixed items, a string param holding a JSON array of
   * strings, or a `list` output of another task (which this one then runs after). Each iteration
   * reads its item through `item`, runs and retries on its own; the task fails once every iteration
   * ended if any failed. At most `concurrency` iterations run at once (default 1).
   * @example daily.task("load", sh`./load.sh --partition ${item}`).forEach(listed.output.partitions, { concurrency: 4 })
   */
  forEach(items: ReadonlyArray<string | number> | ParamRef<string> | (OutputRefSpec & { readonly __type?: "list" }), options: { readonly concurrency?: number } = {}): this {
    const source = isItemList(items) ? [...items] : "$param" in items ? { $param: items.$param } : { $output: { task: items.$output.task, name: items.$output.name } };
    this.#spec.forEach = options.concurrency === undefined ? { items: source } : { items: source, concurrency: options.concurrency };
    return this;
  }

  workingDir(directory: string): this {
    this.#spec.workingDir = directory;
    return this;
  }

  /** Runs on a compute declared in the pipeline's `compute`. */
  compute(name: ComputeName): this {
    this.#spec.compute = name;
    return this;
  }

  /** Places the task in a named group (an Airflow TaskGroup; a label elsewhere). */
  group(name: string): this {
    this.#spec.group = name;
    return this;
  }

  tags(...tags: string[]): this {
    this.#spec.tags = [...(this.#spec.tags ?? []), ...tags];
    return this;
  }

  description(text: string): this {
    this.#spec.description = text;
    return this;
  }

  /** BaseOperator arguments for Airflow. @example .airflow({ pool: "warehouse", priority_weight: 10 }) */
  airflow(overrides: AirflowTaskOverrides): this {
    return this.#override("airflow", overrides);
  }
  /** Databricks task fields. @example .databricks({ libraries: [{ pypi: { package: "requests" } }] }) */
  databricks(overrides: DatabricksTaskOverrides): this {
    return this.#override("databricks", overrides);
  }
  /** Keys of the task's GitHub Actions job. @example .githubActions({ "runs-on": "ubuntu-24.04", environment: "prod" }) */
  githubActions(overrides: GithubActionsTaskOverrides): this {
    return this.#override("githubActions", overrides);
  }
  /** How the local runner runs the task. @example .local({ command: "python3 src/silver.py", env: { SPARK_MASTER: "local[2]" } }) */
  local(overrides: LocalTaskOverrides): this {
    return this.#override("local", overrides);
  }

  #override(target: keyof TargetOverridesSpec, overrides: OverrideSpec): this {
    this.#spec.overrides = withOverrides(this.#spec.overrides ?? {}, target, overrides);
    return this;
  }

  toSpec(): TaskSpec {
    return { ...this.#spec };
  }
}
