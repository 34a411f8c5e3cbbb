import type { PipelineDefinition } from "../../../packages/dsl/src/index.js";
import { compile, lowerToIR, type PipelineNode } from "../../../packages/compiler/src/index.js";
import { localTarget } from "../../../packages/targets/src/index.js";
import { FILE, loaded } from "../compiler/lower-helpers.js";

export { FILE };

/** The pipeline's IR, resolved for `environment` (null: its default), as the local target sees it. */
export function irOf(definition: PipelineDefinition, environment: string | null = null): PipelineNode {
  const { ir, diagnostics } = lowerToIR(loaded(definition.toSpec()), environment);
  if (!ir) throw new Error(`the pipeline does not lower: ${diagnostics.map((diagnostic) => diagnostic.message).join("; ")}`);
  return ir.pipelines[0]!;
}

/** A whole build for the local target: checks, then emit. */
export const buildLocal = (definition: PipelineDefinition, options: Record<string, unknown> = {}) =>
  compile({ loaded: loaded(definition.toSpec()), target: localTarget, environment: null, options, orchcVersion: "test" });
