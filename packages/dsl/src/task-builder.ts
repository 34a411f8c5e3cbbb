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
  /** The task's id, unique in its pipeline. */
  readonly id: string;
  /** The id of the pipeline that declared the task. */
  readonly pipelineId: PipelineId;
}

/** A task's declared outputs, by name. */
export type OutputDeclarations = Readonly<Record<string, OutputType>>;

/** References to a task's outputs, by name: only the declared names exist, so a misspelt one is a type error. */
export type OutputRefs<Outputs extends OutputDeclarations> = { readonly [Name in keyof Outputs]: OutputRefSpec & { readonly __type?: Outputs[Name] } };

/**
 * A task declared on a pipeline (what `pipeline.task()` returns). Declaring it registers it; its
 * methods configure it in place and return it, so a chain reads as one sentence. `PipelineId` ties
 * the handle to its pipeline, so a handle from another pipeline is a type error in `after()`.
 *
 * @example
 * ```ts
 * const load = daily.task("load", sh`python load.py`).after(extract).retries(2, { delay: "60s" }).timeout("30m");
 * ```
 */
export class TaskBuilder<PipelineId extends string = string, ComputeName extends string = string, Outputs extends OutputDeclarations = {}> {
  readonly #spec: Mutable<TaskSpec>;
  /** The pipeline this task belongs to; `after()` refuses handles of another. */
  readonly pipelineId: PipelineId;

  /** Use `pipeline.task(id, action)`, which registers the task on its pipeline; a task built alone is never emitted. */
  constructor(pipelineId: PipelineId, id: string, action: ActionSpec) {
    this.pipelineId = pipelineId;
    this.#spec = { id, action };
  }

  /** The task's id: the Airflow task_id (`<group>.<id>` in a group), the Databricks task_key, the GitHub Actions job id. */
  get id(): string {
    return this.#spec.id;
  }

  /**
   * Runs after these tasks: handles of this pipeline, or task ids, as separate arguments (repeated
   * calls add to the list). Whether it runs once they ended is its `runIf` rule (default: all succeeded).
   * Airflow `>>`, Databricks `depends_on`, GitHub Actions `needs`, the local runner's plan.
   *
   * @example
   * ```ts
   * daily.task("report", sh`./report.sh`).after(main, cdc)
   * ```
   */
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

  /**
   * Retries a failed attempt up to `count` times (so at most `count + 1` attempts), waiting `delay`
   * before each. Airflow `retries`/`retry_delay` (exponential: `retry_exponential_backoff`,
   * `max_retry_delay`); Databricks `max_retries`/`min_retry_interval_millis`, one fixed interval, so
   * `backoff: "exponential"` and `maxDelay` are refused there unless the pipeline's `targets` drop them;
   * GitHub Actions a retry loop in the step's script; local the runner.
   *
   * @example
   * ```ts
   * .retries(2, { delay: "60s", backoff: "exponential", maxDelay: "10m" })
   * ```
   */
  retries(count: number, options: RetryOptions = {}): this {
    this.#spec.retries = { count, ...options };
    return this;
  }

  /**
   * Fails an attempt that runs longer than this (each attempt, each for-each iteration); a timed-out
   * attempt is retried only with `retries(n, { onTimeout: true })`. Airflow `execution_timeout`,
   * Databricks `timeout_seconds`, GitHub Actions `timeout` around each attempt, local the runner
   * stops the attempt's process group.
   *
   * @example
   * ```ts
   * .timeout("45m")
   * ```
   */
  timeout(duration: Duration): this {
    this.#spec.timeout = duration;
    return this;
  }

  /**
   * When the task runs, given how the tasks it runs after ended (default `allSuccess`); a rule that
   * says no leaves it `skipped` or `upstream_failed` (docs/semantics.md). Airflow `trigger_rule`,
   * Databricks `run_if`, GitHub Actions the job's `if:`, local the runner.
   *
   * @example
   * ```ts
   * daily.task("alert", sh`./page-oncall.sh`).after(load).runIf("atLeastOneFailed")
   * ```
   */
  runIf(rule: RunIf): this {
    this.#spec.runIf = rule;
    return this;
  }

  /**
   * Non-critical: its failure makes the run PARTIAL (local exit code 1), not FAILED. It is still
   * `failed` for the rules of the tasks after it. Each target adds what makes its engine agree:
   * Airflow `orchc_optional_end` and `orchc_watcher` tasks, Databricks condition tasks (the run
   * ends SUCCESS_WITH_FAILURES), GitHub Actions `continue-on-error` on the step.
   *
   * @example
   * ```ts
   * daily.task("report", sh`./report.sh`).after(load).optional()
   * ```
   */
  optional(isOptional = true): this {
    this.#spec.optional = isOptional;
    return this;
  }

  /**
   * Environment variables of the task's process, merged over earlier calls; values may be text,
   * params, secrets, run values or `concat(...)`. Airflow `env` (with `append_env=True`), GitHub
   * Actions the step's env, local the process; refused on Databricks (set `env` on a cluster compute).
   *
   * @example
   * ```ts
   * .env({ CATALOG: p.catalog, API_TOKEN: s.apiToken })
   * ```
   */
  env(variables: Readonly<Record<string, ValueSpec>>): this {
    this.#spec.env = { ...this.#spec.env, ...variables };
    return this;
  }

  /**
   * Declares what the task writes for the tasks after it: each output is a file named after it in
   * the folder `$ORCHC_OUTPUTS`, on every target (`echo 42 > "$ORCHC_OUTPUTS/rows"`); a task that
   * reads one through `.output` runs after this one.
   *
   * @example
   * ```ts
   * const count = daily.task("count", sh`./count.sh`).outputs({ rows: "number" });
   * daily.task("check", sh`./check.sh --rows ${count.output.rows}`);
   * ```
   */
  outputs<const Declared extends OutputDeclarations>(declared: Declared): TaskBuilder<PipelineId, ComputeName, Declared> {
    this.#spec.outputs = { ...declared };
    return this as unknown as TaskBuilder<PipelineId, ComputeName, Declared>;
  }

  /**
   * This task's declared outputs, to read in another task's values (`sh`, arguments, parameters,
   * `env`); the reader then runs after this task. Only names given to `.outputs()` exist.
   *
   * @example
   * ```ts
   * daily.task("check", sh`./check.sh --rows ${count.output.rows}`)
   * ```
   */
  get output(): OutputRefs<Outputs> {
    return Object.fromEntries(Object.keys(this.#spec.outputs ?? {}).map((name) => [name, { $output: { task: this.id, name } }])) as OutputRefs<Outputs>;
  }

  /**
   * Runs the task once per item of a list: fixed items, a string param holding a JSON array of
   * strings, or a `list` output of another task (which this one then runs after). Each iteration
   * reads its item through `item`, runs and retries on its own; the task fails once every iteration
   * ended if any failed. At most `concurrency` iterations run at once (default 1).
   *
   * @example
   * ```ts
   * daily.task("load", sh`./load.sh --partition ${item}`).forEach(listed.output.partitions, { concurrency: 4 })
   * ```
   */
  forEach(items: ReadonlyArray<string | number> | ParamRef<string> | (OutputRefSpec & { readonly __type?: "list" }), options: { readonly concurrency?: number } = {}): this {
    const source = isItemList(items) ? [...items] : "$param" in items ? { $param: items.$param } : { $output: { task: items.$output.task, name: items.$output.name } };
    this.#spec.forEach = options.concurrency === undefined ? { items: source } : { items: source, concurrency: options.concurrency };
    return this;
  }

  /**
   * The directory the task's command runs in. Airflow `cwd`, GitHub Actions the step's
   * `working-directory`, local relative to where the runner starts; refused on Databricks.
   *
   * @example
   * ```ts
   * daily.task("dbt", sh`dbt build`).workingDir("transform")
   * ```
   */
  workingDir(directory: string): this {
    this.#spec.workingDir = directory;
    return this;
  }

  /**
   * Runs on a compute declared in the pipeline's `compute`, by its key (another name is a type
   * error); without it, the pipeline's `defaultCompute`. Databricks a job cluster, existing cluster,
   * warehouse or serverless environment; GitHub Actions only `runner(...)` means something
   * (`runs-on`); the local runner ignores compute.
   *
   * @example
   * ```ts
   * daily.task("silver", notebook("src/silver.py")).compute("etl")
   * ```
   */
  compute(name: ComputeName): this {
    this.#spec.compute = name;
    return this;
  }

  /**
   * Places the task in a named group: an Airflow TaskGroup (the task id becomes `<group>.<id>`); a
   * label elsewhere. `orchc build|run --group <name>` or `--select group:<name>` picks a group's tasks.
   *
   * @example
   * ```ts
   * daily.task("orders", sh`./load.sh orders`).group("load")
   * ```
   */
  group(name: string): this {
    this.#spec.group = name;
    return this;
  }

  /**
   * Labels for selecting tasks (`orchc build|run --select tag:<tag>`), as separate arguments, not an
   * array; repeated calls add. Not written into any target's files (a pipeline's own `tags` are).
   *
   * @example
   * ```ts
   * .tags("reporting", "daily")
   * ```
   */
  tags(...tags: string[]): this {
    this.#spec.tags = [...(this.#spec.tags ?? []), ...tags];
    return this;
  }

  /**
   * What the task does, in words: Airflow `doc_md`, the Databricks task's `description`, the
   * local runner's plan.
   *
   * @example
   * ```ts
   * .description("Loads yesterday's orders into the silver layer")
   * ```
   */
  description(text: string): this {
    this.#spec.description = text;
    return this;
  }

  /**
   * BaseOperator arguments for Airflow, merged into the operator last; other targets ignore them.
   *
   * @example
   * ```ts
   * .airflow({ pool: "warehouse", priority_weight: 10 })
   * ```
   */
  airflow(overrides: AirflowTaskOverrides): this {
    return this.#override("airflow", overrides);
  }
  /**
   * Fields of the Databricks task, merged last; other targets ignore them.
   *
   * @example
   * ```ts
   * .databricks({ libraries: [{ pypi: { package: "requests" } }] })
   * ```
   */
  databricks(overrides: DatabricksTaskOverrides): this {
    return this.#override("databricks", overrides);
  }
  /**
   * Keys of the task's GitHub Actions job, merged last and written as given (a `${{ … }}` here is
   * evaluated by GitHub); other targets ignore them.
   *
   * @example
   * ```ts
   * .githubActions({ "runs-on": "ubuntu-24.04", environment: "prod" })
   * ```
   */
  githubActions(overrides: GithubActionsTaskOverrides): this {
    return this.#override("githubActions", overrides);
  }
  /**
   * How the local runner (`orchc run`, the standalone file) runs the task: the way to run a
   * notebook, Spark, dbt or SQL task on one machine. Other targets ignore it.
   *
   * @example
   * ```ts
   * .local({ command: "python3 src/silver.py", env: { SPARK_MASTER: "local[2]" } })
   * ```
   */
  local(overrides: LocalTaskOverrides): this {
    return this.#override("local", overrides);
  }

  #override(target: keyof TargetOverridesSpec, overrides: OverrideSpec): this {
    this.#spec.overrides = withOverrides(this.#spec.overrides ?? {}, target, overrides);
    return this;
  }

  /**
   * The task as plain data (what the compiler reads); the pipeline's `toSpec()` includes it.
   *
   * @example
   * ```ts
   * const spec = load.toSpec(); // { id: "load", action: {...}, after: ["extract"], ... }
   * ```
   */
  toSpec(): TaskSpec {
    return { ...this.#spec };
  }
}
