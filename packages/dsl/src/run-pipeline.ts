import type { ParamDeclarations, ParamValue } from "./params.js";
import type { PipelineBuilder } from "./pipeline-builder.js";
import type { ActionSpec, ValueSpec } from "./spec.js";

/** A literal of the param's type, or any reference or template (whose type only the run knows). */
type ChildParamValue<S extends ParamDeclarations[string]> = ParamValue<S> | Exclude<ValueSpec, string | number | boolean>;

/** Values for the other pipeline's params: with a handle, only the params it declares, each of its type. */
export type RunPipelineParams<P extends ParamDeclarations> = { readonly [K in keyof P]?: ChildParamValue<P[K]> };

/**
 * Starts another pipeline of the same build, waits for it, and succeeds iff its run succeeds. Give
 * the pipeline's handle (its builder), or its id when it is declared in a file this one cannot import;
 * the id is checked at build time against the pipelines built together.
 *
 * @example
 * ```ts
 * daily.task("refresh", runPipeline(nightly, { params: { catalog: p.catalog } }))
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any secrets and compute: only the params are typed against
export function runPipeline<P extends ParamDeclarations>(other: PipelineBuilder<string, P, any, any>, options?: { readonly params?: RunPipelineParams<P> }): Extract<ActionSpec, { kind: "runPipeline" }>;
/**
 * The same, naming the other pipeline by its id (its params are then not type-checked; the build checks the id).
 * Airflow a `TriggerDagRunOperator` that waits, Databricks a `run_job_task`, GitHub Actions a job
 * calling the other workflow, local the other pipeline's runner file.
 *
 * @example
 * ```ts
 * daily.task("refresh", runPipeline("nightly", { params: { catalog: "prod" } }))
 * ```
 */
export function runPipeline(other: string, options?: { readonly params?: Readonly<Record<string, ValueSpec>> }): Extract<ActionSpec, { kind: "runPipeline" }>;
export function runPipeline(other: string | { readonly id: string }, options: { readonly params?: object } = {}): Extract<ActionSpec, { kind: "runPipeline" }> {
  const pipeline = typeof other === "string" ? other : other.id;
  return options.params === undefined ? { kind: "runPipeline", pipeline } : { kind: "runPipeline", pipeline, params: options.params as Readonly<Record<string, ValueSpec>> };
}
