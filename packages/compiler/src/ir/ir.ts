import type { PipelineNode } from "./pipeline-node.js";

export const IR_VERSION = 1;

export interface IR {
  readonly version: typeof IR_VERSION;
  readonly pipelines: ReadonlyArray<PipelineNode>;
}
