import { loadPipelines, lowerToIR } from "@orchc/compiler";
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from "../graph/render-graph.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { pipelineFiles } from "./pipeline-files.js";

export async function graphCommand(files: string[], options: { format: string; env?: string }): Promise<number> {
  if (!(GRAPH_FORMATS as ReadonlyArray<string>).includes(options.format)) {
    process.stderr.write(`orchc: unknown graph format \`${options.format}\`; formats: ${GRAPH_FORMATS.join(", ")}\n`);
    return 1;
  }
  const { loaded, diagnostics } = await loadPipelines(pipelineFiles(files));
  if (await reportDiagnostics(diagnostics, { json: false })) return 1;
  const result = lowerToIR(loaded, options.env ?? null);
  if (await reportDiagnostics(result.diagnostics, { json: false }) || !result.ir) return 1;
  process.stdout.write(renderGraph[options.format as GraphFormat](result.ir.pipelines));
  return 0;
}
