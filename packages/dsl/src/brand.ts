import type { PipelineSpec } from "./spec.js";

/**
 * Marks values that are pipelines. A registered symbol, not a class check, because the user's
 * module and the CLI may each load their own copy of this package.
 */
export const PIPELINE_BRAND: unique symbol = Symbol.for("orchc.pipeline") as never;

export interface PipelineDefinition {
  readonly [PIPELINE_BRAND]: true;
  toSpec(): PipelineSpec;
}

export function isPipelineDefinition(value: unknown): value is PipelineDefinition {
  return typeof value === "object" && value !== null && (value as PipelineDefinition)[PIPELINE_BRAND] === true;
}
