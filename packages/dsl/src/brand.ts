import type { PipelineSpec } from "./spec.js";

/**
 * Marks values that are pipelines. A registered symbol, not a class check, because the user's
 * module and the CLI may each load their own copy of this package.
 */
export const PIPELINE_BRAND: unique symbol = Symbol.for("orchc.pipeline") as never;

/** What the CLI loads from a pipeline file's exports: a branded value that gives its spec (a `PipelineBuilder`, or `definePipeline`'s result). */
export interface PipelineDefinition {
  /** The brand: always `true`. */
  readonly [PIPELINE_BRAND]: true;
  /**
   * The pipeline as plain data.
   *
   * @example
   * ```ts
   * const spec = definition.toSpec(); // { id: "daily", tasks: [...] }
   * ```
   */
  toSpec(): PipelineSpec;
}

/**
 * Whether a module export is a pipeline (how the CLI finds the pipelines a file exports).
 *
 * @example
 * ```ts
 * isPipelineDefinition(pipeline("daily")) // true
 * ```
 */
export function isPipelineDefinition(value: unknown): value is PipelineDefinition {
  return typeof value === "object" && value !== null && (value as PipelineDefinition)[PIPELINE_BRAND] === true;
}
