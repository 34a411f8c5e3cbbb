import { allowanceNotes, compile, type AnyTarget } from "@orchc/compiler";
import { loadPipelines } from "@orchc/compiler/load";
import { renderWithHeader } from "@orchc/compiler/output";
import { relative, sep } from "node:path";

export interface BuiltFile {
  readonly path: string;
  readonly text: string;
}

/** Builds a case's pipeline for one target in-process, exactly as `orchc build` renders it. */
export async function buildCase(pipelineFile: string, target: AnyTarget, options: Record<string, unknown> = {}, environment: string | null = null): Promise<BuiltFile[]> {
  const { loaded, diagnostics } = await loadPipelines([pipelineFile]);
  if (diagnostics.length > 0) throw new Error(`loading ${pipelineFile}: ${diagnostics.map((diagnostic) => diagnostic.message).join("; ")}`);
  const result = compile({ loaded, target, environment, options, orchcVersion: "0.1.0" });
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length > 0) throw new Error(`${target.name}: ${errors.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`).join("; ")}`);
  const source = relative(loaded[0]!.projectRoot, pipelineFile).split(sep).join("/");
  const notes = (ids: ReadonlyArray<string>) => allowanceNotes(result.allowances ?? [], ids, ids.length > 1);
  return result.files.map((file) => ({ path: file.path, text: renderWithHeader(file, { orchcVersion: "0.1.0", target: target.name, sources: [source], notes: notes(file.pipelineIds) }) }));
}
