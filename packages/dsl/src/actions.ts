import { shellTemplate, type ShellInterpolation } from "./refs.js";
import type { ActionSpec, DbtOptions, LibrarySpec, SqlSubscriptionSpec, ValueSpec } from "./spec.js";

type Action<K extends ActionSpec["kind"]> = Extract<ActionSpec, { kind: K }>;

/** A bash command; interpolated params and secrets stay references and are expanded quoted. */
export function sh(strings: TemplateStringsArray, ...values: ShellInterpolation[]): Action<"shell"> {
  return { kind: "shell", command: shellTemplate(strings, ...values) };
}

/** A bash command given as a string (no interpolation). */
export function shell(command: ValueSpec): Action<"shell"> {
  return { kind: "shell", command };
}

/** A Python script run with `python3 <script> <args…>`; each arg is passed as one argument. */
export function python(script: string, args: ReadonlyArray<ValueSpec> = []): Action<"python"> {
  return args.length === 0 ? { kind: "python", script } : { kind: "python", script, args };
}

/** A Databricks notebook with its parameters (base parameters). */
export function notebook(
  path: string,
  params?: Readonly<Record<string, ValueSpec>>,
  options: { source?: "workspace" | "git" } = {},
): Action<"notebook"> {
  return { kind: "notebook", path, ...(params && { params }), ...(options.source && { source: options.source }) };
}

/** A Python file run on Spark (`spark_python_task`). */
export function sparkPython(file: string, args: ReadonlyArray<ValueSpec> = []): Action<"sparkPython"> {
  return args.length === 0 ? { kind: "sparkPython", file } : { kind: "sparkPython", file, args };
}

/** Positional `parameters` or `namedParameters`: Databricks takes one of the two. */
export type PythonWheelOptions = { readonly libraries?: ReadonlyArray<LibrarySpec> } & (
  | { readonly parameters?: ReadonlyArray<ValueSpec>; readonly namedParameters?: never }
  | { readonly namedParameters?: Readonly<Record<string, ValueSpec>>; readonly parameters?: never }
);

/**
 * An entry point of a Python wheel (`python_wheel_task`), with the libraries to install: the wheel
 * itself, built by the pipeline's `artifacts`, on a cluster; on serverless they become the
 * environment's dependencies.
 * @example pythonWheel("my_project", "main", { parameters: ["--catalog", p.catalog], libraries: [{ whl: "dist/*.whl" }] })
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
 * @example sparkJar("com.example.Main", { parameters: ["--catalog", p.catalog], libraries: [{ jar: "target/app.jar" }] })
 */
export function sparkJar(mainClass: string, options: { readonly parameters?: ReadonlyArray<ValueSpec>; readonly libraries?: ReadonlyArray<LibrarySpec> } = {}): Action<"sparkJar"> {
  return { kind: "sparkJar", mainClass, ...(options.parameters && { parameters: options.parameters }), ...(options.libraries && { libraries: options.libraries }) };
}

/**
 * dbt CLI commands run in order on a cluster or serverless compute (`dbt_task`); each starts with `dbt`.
 * @example dbt(["dbt deps", concat("dbt run --vars 'catalog: ", p.catalog, "'")], { warehouse: "wh", schema: "analytics" })
 */
export function dbt(commands: ReadonlyArray<ValueSpec>, options: DbtOptions = {}): Action<"dbt"> {
  return { kind: "dbt", commands, ...options };
}

/** A refresh of a Lakeflow (Delta Live Tables) pipeline, by its name or id. */
export function lakeflowPipeline(pipeline: string, options: { fullRefresh?: boolean } = {}): Action<"lakeflowPipeline"> {
  return options.fullRefresh === undefined
    ? { kind: "lakeflowPipeline", pipeline }
    : { kind: "lakeflowPipeline", pipeline, fullRefresh: options.fullRefresh };
}

interface Subscribed {
  readonly subscriptions?: ReadonlyArray<SqlSubscriptionSpec>;
  readonly pauseSubscriptions?: boolean;
}

/** What a SQL task runs: a file, inline SQL text, or a saved query by its id in the workspace. */
export type SqlSource = { readonly file: string } | { readonly query: string } | { readonly savedQuery: string };
/** A saved alert or legacy dashboard by its id, and who its run notifies. */
export type SqlNotifyingSource = ({ readonly alert: string; readonly customSubject?: never } | { readonly dashboard: string; readonly customSubject?: string }) & Subscribed;

/**
 * SQL run on a declared SQL warehouse: a file, inline SQL text, or a saved query, alert or dashboard.
 * @example sql({ alert: "a1b2c3", subscriptions: [{ user: "me@example.com" }] }, { warehouse: "wh" })
 */
export function sql(source: SqlSource, options: { warehouse: string; params?: Readonly<Record<string, ValueSpec>> }): Action<"sql">;
/** Alerts and dashboards take no parameters. */
export function sql(source: SqlNotifyingSource, options: { warehouse: string }): Action<"sql">;
export function sql(source: SqlSource | SqlNotifyingSource, options: { warehouse: string; params?: Readonly<Record<string, ValueSpec>> }): Action<"sql"> {
  return { kind: "sql", ...source, warehouse: options.warehouse, ...(options.params && { params: options.params }) };
}
