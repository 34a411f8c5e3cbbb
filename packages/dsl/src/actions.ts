import { shellTemplate, type ShellInterpolation } from "./refs.js";
import type { ActionSpec, DbtOptions, LibrarySpec, SqlSubscriptionSpec, ValueSpec } from "./spec.js";

type Action<K extends ActionSpec["kind"]> = Extract<ActionSpec, { kind: K }>;

/**
 * A bash command, written as a tagged template. The text is shell code; each `${…}` is data: a param,
 * secret, run value, output or item stays a reference that the target passes through the
 * environment and expands quoted, and a plain value is quoted as one shell word. Airflow a
 * BashOperator, GitHub Actions a step, local a bash process; refused on Databricks.
 *
 * @example
 * ```ts
 * daily.task("report", sh`python reports.py --catalog ${p.catalog} --day ${run.date}`)
 * ```
 */
export function sh(strings: TemplateStringsArray, ...values: ShellInterpolation[]): Action<"shell"> {
  return { kind: "shell", command: shellTemplate(strings, ...values) };
}

/**
 * A bash command given as a value (a string, or `concat(...)`) rather than a template.
 *
 * @example
 * ```ts
 * daily.task("clean", shell("rm -rf tmp/*"))
 * ```
 */
export function shell(command: ValueSpec): Action<"shell"> {
  return { kind: "shell", command };
}

/**
 * A Python script run with `python3 <script> <args…>`; each arg is passed as one argument, params
 * and secrets included. Airflow a BashOperator, GitHub Actions a step (after setup-python), local
 * `python3` from the PATH; on Databricks use `sparkPython`.
 *
 * @example
 * ```ts
 * python("load.py", ["--catalog", p.catalog])
 * ```
 */
export function python(script: string, args: ReadonlyArray<ValueSpec> = []): Action<"python"> {
  return args.length === 0 ? { kind: "python", script } : { kind: "python", script, args };
}

/**
 * A Databricks notebook with its parameters (`base_parameters`); `source: "git"` takes it from the
 * job's Git source. Databricks a `notebook_task`, Airflow a `DatabricksSubmitRunOperator`, local only
 * with `.local({ command })`; refused on GitHub Actions.
 *
 * @example
 * ```ts
 * notebook("src/utils/data_generator.py", { catalog: p.catalog })
 * ```
 */
export function notebook(
  path: string,
  params?: Readonly<Record<string, ValueSpec>>,
  options: { source?: "workspace" | "git" } = {},
): Action<"notebook"> {
  return { kind: "notebook", path, ...(params && { params }), ...(options.source && { source: options.source }) };
}

/**
 * A Python file run on Spark (`spark_python_task`) with its arguments. Databricks, or Airflow through
 * `DatabricksSubmitRunOperator`; local only with `.local({ command })`; refused on GitHub Actions.
 *
 * @example
 * ```ts
 * sparkPython("src/ingest.py", ["--catalog", p.catalog])
 * ```
 */
export function sparkPython(file: string, args: ReadonlyArray<ValueSpec> = []): Action<"sparkPython"> {
  return args.length === 0 ? { kind: "sparkPython", file } : { kind: "sparkPython", file, args };
}

/** Positional `parameters` or `namedParameters`: Databricks takes one of the two. */
export type PythonWheelOptions = {
  /** Libraries to install: the wheel itself (`{ whl: "dist/*.whl" }`), built by the pipeline's `artifacts`, and others. */
  readonly libraries?: ReadonlyArray<LibrarySpec>;
} & (
  | { readonly parameters?: ReadonlyArray<ValueSpec>; readonly namedParameters?: never }
  | { readonly namedParameters?: Readonly<Record<string, ValueSpec>>; readonly parameters?: never }
);

/**
 * An entry point of a Python wheel (`python_wheel_task`), with the libraries to install: the wheel
 * itself, built by the pipeline's `artifacts`, on a cluster; on serverless they become the
 * environment's dependencies.
 *
 * @example
 * ```ts
 * pythonWheel("my_project", "main", { parameters: ["--catalog", p.catalog], libraries: [{ whl: "dist/*.whl" }] })
 * ```
 */
export function pythonWheel(packageName: string, entryPoint: string, options: PythonWheelOptions = {}): Action<"pythonWheel"> {
  return {
    kind: "pythonWheel",
    package: packageName,
    entryPoint,
    ...(options.parameters && { parameters: options.parameters }),
    ...(options.namedParameters && { namedParameters: options.namedParameters }),
    ...(options.libraries && { libraries: options.libraries }),
  };
}

/**
 * A JAR's main class run on a cluster (`spark_jar_task`); the JAR that holds the class is one of
 * its libraries, built by the pipeline's `artifacts` or named by its volume or workspace path.
 *
 * @example
 * ```ts
 * sparkJar("com.example.Main", { parameters: ["--catalog", p.catalog], libraries: [{ jar: "target/app.jar" }] })
 * ```
 */
export function sparkJar(mainClass: string, options: { readonly parameters?: ReadonlyArray<ValueSpec>; readonly libraries?: ReadonlyArray<LibrarySpec> } = {}): Action<"sparkJar"> {
  return { kind: "sparkJar", mainClass, ...(options.parameters && { parameters: options.parameters }), ...(options.libraries && { libraries: options.libraries }) };
}

/**
 * dbt CLI commands run in order on a cluster or serverless compute (`dbt_task`); each starts with `dbt`.
 *
 * @example
 * ```ts
 * dbt(["dbt deps", concat("dbt run --vars 'catalog: ", p.catalog, "'")], { warehouse: "wh", schema: "analytics" })
 * ```
 */
export function dbt(commands: ReadonlyArray<ValueSpec>, options: DbtOptions = {}): Action<"dbt"> {
  return { kind: "dbt", commands, ...options };
}

/**
 * An update of a Lakeflow (Delta Live Tables) pipeline, by its id or name (a name is a pipeline
 * resource of the bundle); `fullRefresh` recomputes every table. Databricks `pipeline_task`, Airflow
 * through `DatabricksSubmitRunOperator`; local only with `.local({ command })`; refused on GitHub Actions.
 *
 * @example
 * ```ts
 * lakeflowPipeline("olist_main_pipeline", { fullRefresh: true })
 * ```
 */
export function lakeflowPipeline(pipeline: string, options: { fullRefresh?: boolean } = {}): Action<"lakeflowPipeline"> {
  return options.fullRefresh === undefined
    ? { kind: "lakeflowPipeline", pipeline }
    : { kind: "lakeflowPipeline", pipeline, fullRefresh: options.fullRefresh };
}

interface Subscribed {
  /** Who the alert or dashboard run notifies. */
  readonly subscriptions?: ReadonlyArray<SqlSubscriptionSpec>;
  /** Runs it without notifying. */
  readonly pauseSubscriptions?: boolean;
}

/** What a SQL task runs: a file, inline SQL text, or a saved query by its id in the workspace. */
export type SqlSource = { readonly file: string } | { readonly query: string } | { readonly savedQuery: string };
/** A saved alert or legacy dashboard by its id, and who its run notifies. */
export type SqlNotifyingSource = ({ readonly alert: string; readonly customSubject?: never } | { readonly dashboard: string; readonly customSubject?: string }) & Subscribed;

/**
 * SQL run on a warehouse compute (by its key in the pipeline's `compute`): a file, inline SQL text
 * or a saved query, with parameters. Databricks a `sql_task` (inline text is refused there: a
 * sql_task cannot carry it), Airflow a Databricks operator; local only with `.local({ command })`;
 * refused on GitHub Actions.
 *
 * @example
 * ```ts
 * sql({ file: "queries/daily.sql" }, { warehouse: "wh", params: { day: run.date } })
 * ```
 */
export function sql(source: SqlSource, options: { warehouse: string; params?: Readonly<Record<string, ValueSpec>> }): Action<"sql">;
/**
 * A saved alert or dashboard, with who its run notifies; alerts and dashboards take no parameters.
 *
 * @example
 * ```ts
 * sql({ dashboard: "d4e5f6", customSubject: "Daily sales" }, { warehouse: "wh" })
 * ```
 */
export function sql(source: SqlNotifyingSource, options: { warehouse: string }): Action<"sql">;
export function sql(source: SqlSource | SqlNotifyingSource, options: { warehouse: string; params?: Readonly<Record<string, ValueSpec>> }): Action<"sql"> {
  return { kind: "sql", ...source, warehouse: options.warehouse, ...(options.params && { params: options.params }) };
}
