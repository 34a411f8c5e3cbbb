// The hand-written spec types (fast for users' type checks) and the zod schemas (what the compiler
// validates with) must describe the same data: each must be assignable to the other, or these
// functions stop compiling.
import type { PipelineSpec } from "@orchc/dsl";
import type { PipelineSchema } from "@orchc/dsl/schema";
import type { z } from "zod";

type DeepMutable<T> = T extends ReadonlyArray<infer U> ? Array<DeepMutable<U>> : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;

export function schemaOutputFitsSpec(parsed: z.output<typeof PipelineSchema>): PipelineSpec {
  return parsed;
}

export function specFitsSchemaInput(spec: DeepMutable<PipelineSpec>): z.input<typeof PipelineSchema> {
  return spec;
}
