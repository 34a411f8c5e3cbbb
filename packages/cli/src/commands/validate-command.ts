import { compile, hasErrors, loadPipelines, lowerToIR, type Diagnostic, type LoadedPipeline, type LowerResult } from "@orchc/compiler";
import { targetNamed, targets } from "@orchc/targets";
import { reportDiagnostics } from "../report-diagnostics.js";
import { ORCHC_VERSION } from "../version.js";
import { pipelineFiles } from "./pipeline-files.js";
import { selectionOf, type SelectionOptions } from "./selection.js";

export type ValidateOptions = SelectionOptions & { target?: string; env?: string; json?: boolean; types?: boolean };

/** Checks pipelines without writing anything; with `--target`, also against that target's capabilities. */
export async function validateCommand(files: string[], options: ValidateOptions & { watch?: boolean }): Promise<number> {
  if (options.watch) {
    const { watchValidate } = await import("../watch/watch-validate.js");
    return watchValidate(files, options);
  }
  return (await validateOnce(files, options)).code;
}

/** One validation, as `orchc validate` runs it; `--watch` calls it again on every change, with its own `load`. */
export async function validateOnce(files: ReadonlyArray<string>, options: ValidateOptions, load: typeof loadPipelines = loadPipelines): Promise<{ code: number; inputs: ReadonlyArray<string> }> {
  const paths = pipelineFiles(files);
  if (options.types) {
    const { typeCheckFiles } = await import("@orchc/compiler/typecheck");
    // Not loaded yet: the type-checked files are the ones to watch.
    if (await reportDiagnostics(await typeCheckFiles(paths), { json: options.json ?? false })) return { code: 1, inputs: paths };
  }
  const { loaded, diagnostics, inputs } = await load(paths);
  return { code: await validateLoaded(loaded, diagnostics, options), inputs };
}

async function validateLoaded(loaded: ReadonlyArray<LoadedPipeline>, diagnostics: ReadonlyArray<Diagnostic>, options: ValidateOptions): Promise<number> {
  // A file that failed to load must not hide the mistakes of the files that loaded: all are reported at once.
  if (await reportDiagnostics([...diagnostics, ...(hasErrors(diagnostics) ? lowerToIR(loaded, options.env ?? null).diagnostics : [])], { json: options.json ?? false })) return 1;
  const target = options.target === undefined ? undefined : targetNamed(options.target);
  if (options.target !== undefined && !target) {
    process.stderr.write(`orchc: unknown target \`${options.target}\`\n`);
    return 1;
  }
  const result = target
    ? compile({ loaded, target, environment: options.env ?? null, options: {}, selection: selectionOf(options), orchcVersion: ORCHC_VERSION })
    : withDeclaredTargets(loaded, lowerToIR(loaded, options.env ?? null, selectionOf(options)));
  if (await reportDiagnostics(result.diagnostics, { json: options.json ?? false })) return 1;
  const count = result.ir?.pipelines.length ?? 0;
  const tasks = result.ir?.pipelines.reduce((sum, pipeline) => sum + pipeline.tasks.length, 0) ?? 0;
  if (!options.json) process.stdout.write(`orchc: ${count} pipeline${count === 1 ? "" : "s"}, ${tasks} task${tasks === 1 ? "" : "s"}: valid\n`);
  else if (result.diagnostics.length === 0) process.stdout.write(`${JSON.stringify({ diagnostics: [] })}\n`);
  return 0;
}

/**
 * Without `-t`, a pipeline that names its targets is checked against each of them, so `orchc
 * validate` says whether `orchc build -t all` would work; one that names none is checked alone.
 */
function withDeclaredTargets(loaded: ReadonlyArray<LoadedPipeline>, lowered: LowerResult): LowerResult {
  if (lowered.ir === null) return lowered;
  const diagnostics = [...lowered.diagnostics];
  for (const target of Object.values(targets)) {
    const key = target.key;
    if (key === null) continue;
    const pipelines = lowered.ir.pipelines.filter((pipeline) => pipeline.targets?.[key] !== undefined);
    if (pipelines.length === 0) continue;
    const ir = { ...lowered.ir, pipelines };
    diagnostics.push(...compile({ loaded, target, environment: null, options: {}, lowered: { ir, diagnostics: [] }, orchcVersion: ORCHC_VERSION }).diagnostics);
  }
  return { ir: lowered.ir, diagnostics };
}
