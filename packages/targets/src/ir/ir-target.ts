import type { Target } from "@orchc/compiler";
import * as z from "zod";
import { irCapabilities } from "./ir-capabilities.js";

export const irOptions = z.strictObject({});
export type IrOptions = z.infer<typeof irOptions>;

/** Writes each pipeline's canonical IR as JSON: for debugging, and for tools built on orchc. */
export const irTarget: Target<IrOptions> = {
  name: "ir",
  description: "the canonical IR as JSON, one file per pipeline (ir/<pipeline>.ir.json)",
  capabilities: irCapabilities,
  key: null,
  options: irOptions,
  outputDirectories: () => ["ir"],
  emit: (ir) =>
    ir.pipelines.map((pipeline) => ({
      path: `ir/${pipeline.id}.ir.json`,
      format: "json",
      contents: `${JSON.stringify({ version: ir.version, pipeline }, null, 2)}\n`,
      pipelineIds: [pipeline.id],
    })),
};
