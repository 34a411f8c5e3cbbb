import { loadPipelines, lowerToIR } from "@orchc/compiler";
import type { GraphFormat } from "../graph/graph-formats.js";
import { renderGraph } from "../graph/render-graph.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { pipelineFiles } from "./pipeline-files.js";
import { selectionOf, type SelectionOptions } from "./selection.js";

/** The format was already checked by the command line's choices. */
export async function graphCommand(files: string[], options: SelectionOptions & { format: GraphFormat; env?: string }): Promise<number> {
  const { loaded, diagnostics } = await loadPipelines(pipelineFiles(files));
  if (await reportDiagnostics(diagnostics, { json: false })) return 1;
  const result = lowerToIR(loaded, options.env ?? null, selectionOf(options));
  if (await reportDiagnostics(result.diagnostics, { json: false }) || !result.ir) return 1;
  process.stdout.write(renderGraph[options.format](result.ir.pipelines));
  return 0;
}
