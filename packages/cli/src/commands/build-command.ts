import { compile, error, loadPipelines, type AnyTarget, type Diagnostic, type GeneratedFile, type LoadedPipeline } from "@orchc/compiler";
import { checkGeneratedFiles, renderWithHeader, writeGeneratedFiles } from "@orchc/compiler/output";
import { TARGET_NAMES, targetNamed } from "@orchc/targets";
import { relative, resolve, sep } from "node:path";
import { reportDiagnostics } from "../report-diagnostics.js";
import { ORCHC_VERSION } from "../version.js";
import { pipelineFiles } from "./pipeline-files.js";

export interface BuildOptions {
  readonly target: string[];
  readonly out: string;
  readonly env?: string;
  readonly check?: boolean;
  readonly json?: boolean;
  readonly set?: string[];
}

/** `--set key=value` pairs become target options; values that parse as JSON are typed. */
export function parseTargetOptions(pairs: ReadonlyArray<string>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf("=");
    const key = separator < 0 ? pair : pair.slice(0, separator);
    const raw = separator < 0 ? "true" : pair.slice(separator + 1);
    try {
      options[key] = JSON.parse(raw);
    } catch {
      options[key] = raw;
    }
  }
  return options;
}

function sourcesOf(file: GeneratedFile, loaded: ReadonlyArray<LoadedPipeline>): string[] {
  const byId = new Map(loaded.map((entry) => [(entry.spec as { id?: string }).id, relative(entry.projectRoot, entry.file).split(sep).join("/")]));
  return [...new Set(file.pipelineIds.map((id) => byId.get(id) ?? "?"))].sort();
}

function resolveTargets(names: ReadonlyArray<string>): { targets: AnyTarget[]; unknown: string[] } {
  const expanded = names.flatMap((name) => name.split(",")).flatMap((name) => (name === "all" ? [...TARGET_NAMES] : [name.trim()]));
  const targets: AnyTarget[] = [];
  const unknown: string[] = [];
  for (const name of new Set(expanded)) {
    const target = targetNamed(name);
    if (target) targets.push(target);
    else unknown.push(name);
  }
  return { targets, unknown };
}

/** Loads, compiles for every requested target, and only then writes (or compares) anything. */
export async function buildCommand(files: string[], options: BuildOptions): Promise<number> {
  const { targets, unknown } = resolveTargets(options.target);
  if (unknown.length > 0) {
    process.stderr.write(`orchc: unknown target ${unknown.map((name) => `\`${name}\``).join(", ")}; targets: ${TARGET_NAMES.join(", ")}\n`);
    return 1;
  }
  const { loaded, diagnostics: loadDiagnostics } = await loadPipelines(pipelineFiles(files));
  if (await reportDiagnostics(loadDiagnostics, { json: options.json ?? false })) return 1;

  const targetOptions = parseTargetOptions(options.set ?? []);
  const outputs: Array<{ target: AnyTarget; files: Array<{ path: string; text: string }>; sources: string[] }> = [];
  const diagnostics: Diagnostic[] = [];
  for (const target of targets) {
    const result = compile({ loaded, target, environment: options.env ?? null, options: targetOptions, orchcVersion: ORCHC_VERSION });
    diagnostics.push(...result.diagnostics);
    const rendered = result.files.map((file) => ({
      path: file.path,
      text: renderWithHeader(file, { orchcVersion: ORCHC_VERSION, target: target.name, sources: sourcesOf(file, loaded) }),
    }));
    const sources = [...new Set(loaded.map((entry) => relative(entry.projectRoot, entry.file).split(sep).join("/")))].sort();
    outputs.push({ target, files: rendered, sources });
  }
  if (await reportDiagnostics(diagnostics, { json: options.json ?? false })) return 1;

  const outDir = resolve(options.out);
  if (options.check) {
    const problems = outputs.flatMap(({ target, files: rendered, sources }) =>
      checkGeneratedFiles({ outDir, files: rendered, ownedDirectories: [...target.outputDirectories({})], target: target.name, sources }),
    );
    if (await reportDiagnostics(problems, { json: options.json ?? false })) return 1;
    if (!options.json) process.stdout.write(`orchc: ${outputs.reduce((sum, output) => sum + output.files.length, 0)} generated files are up to date\n`);
    return 0;
  }
  for (const { target, files: rendered, sources } of outputs) {
    let result: ReturnType<typeof writeGeneratedFiles>;
    try {
      result = writeGeneratedFiles({ outDir, files: rendered, ownedDirectories: [...target.outputDirectories({})], target: target.name, sources });
    } catch (failure) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      await reportDiagnostics([error("ORC404", `${target.name}: ${reason}`, { hint: "the previous files were left as they were" })], { json: options.json ?? false });
      return 1;
    }
    if (!options.json) {
      const parts = [`${result.written.length} written`, `${result.unchanged.length} unchanged`];
      if (result.removed.length > 0) parts.push(`${result.removed.length} removed`);
      process.stdout.write(`orchc: ${target.name}: ${parts.join(", ")} (in ${relative(process.cwd(), outDir) || "."})\n`);
    }
  }
  return 0;
}
