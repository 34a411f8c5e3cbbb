import { error, hasErrors, type Diagnostic } from "@orchc/compiler/diagnostics";
import { loadPipelines, projectRelativePath as projectRelative, type LoadedPipeline } from "@orchc/compiler/load";
import type { AnyTarget, GeneratedFile, IR } from "@orchc/compiler";
import type { BuildInvocation } from "@orchc/compiler/output";
import { TARGET_NAMES } from "@orchc/targets/names";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { diagnosticsJson, printJson, reportDiagnostics, type OutputMode } from "../report-diagnostics.js";
import { ORCHC_VERSION } from "../version.js";
import { buildSummaryLine } from "./build-summary.js";
import { pipelineFiles } from "./pipeline-files.js";
import { selectionOf, type SelectionOptions } from "./selection.js";

export interface BuildOptions extends SelectionOptions {
  readonly target: string[];
  readonly out: string;
  readonly env?: string;
  readonly check?: boolean;
  readonly json?: boolean;
  readonly set?: string[];
  readonly airflowVersion?: string;
}

/**
 * `--set target.key=value` pairs become that target's options (`--set key=value`: every target's);
 * values that parse as JSON are typed.
 */
export function parseTargetOptions(pairs: ReadonlyArray<string>, targetNames: ReadonlyArray<string>): Map<string, Record<string, unknown>> {
  const options = new Map(targetNames.map((name) => [name, {} as Record<string, unknown>]));
  for (const pair of pairs) {
    const separator = pair.indexOf("=");
    const qualified = separator < 0 ? pair : pair.slice(0, separator);
    const raw = separator < 0 ? "true" : pair.slice(separator + 1);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    const dot = qualified.indexOf(".");
    const scope = dot > 0 && targetNames.includes(qualified.slice(0, dot)) ? qualified.slice(0, dot) : null;
    const key = scope === null ? qualified : qualified.slice(dot + 1);
    for (const [name, targetOptions] of options) if (scope === null || scope === name) targetOptions[key] = value;
  }
  return options;
}

/**
 * How a header names the pipeline file, and so which earlier output the stale sweep may take as
 * this project's. Inside the project's own folder: project-relative, the same on every machine.
 * In a folder outside the project (one several projects may build into): relative to that folder,
 * so two projects whose pipeline files share a name (`pipeline.ts`) never take each other's output.
 */
function sourceNamer(outDir: string): (entry: LoadedPipeline) => string {
  return (entry) => {
    const back = relative(entry.projectRoot, outDir);
    // `..cache` is a folder inside the project; only `..` itself or `../…` leaves it.
    const inside = back !== ".." && !back.startsWith(`..${sep}`) && !isAbsolute(back);
    return inside ? projectRelative(entry) : relative(outDir, entry.file).split(sep).join("/");
  };
}

function sourcesOf(file: GeneratedFile, loaded: ReadonlyArray<LoadedPipeline>, sourceName: (entry: LoadedPipeline) => string): string[] {
  const byId = new Map(loaded.map((entry) => [(entry.spec as { id?: string }).id, sourceName(entry)]));
  return [...new Set(file.pipelineIds.map((id) => byId.get(id) ?? "?"))].sort();
}

/**
 * The environment a header records: the one the compiler resolved the file's pipelines for (`-e`,
 * else their `default: true` one); null when none applies, and then the header says nothing of it.
 */
function environmentOf(pipelineIds: ReadonlyArray<string>, ir: IR | null): string | null {
  const resolved = new Map((ir?.pipelines ?? []).map((pipeline) => [pipeline.id, pipeline.environment]));
  const distinct = [...new Set(pipelineIds.map((id) => resolved.get(id) ?? null).filter((name) => name !== null))].sort();
  return distinct.length === 0 ? null : distinct.join(", ");
}

/** The arguments of this build that shape its output, for hints that print the command to run again. */
function invocationOf(files: ReadonlyArray<string>, options: BuildOptions): BuildInvocation {
  const repeated = (flag: string, values: ReadonlyArray<string> | undefined) => (values ?? []).flatMap((value) => [flag, value]);
  return {
    files,
    options: [
      ...(options.out === "." ? [] : ["--out", options.out]),
      ...repeated("--set", options.set),
      ...(options.airflowVersion === undefined ? [] : ["--airflow-version", options.airflowVersion]),
      ...repeated("--select", options.select),
      ...repeated("--group", options.group),
    ],
    environment: options.env ?? null,
  };
}

/** The targets asked for; `explicit` are those named (not only implied by `all`), which a pipeline that leaves them out is refused for. */
function requestedTargets(names: ReadonlyArray<string>): { names: string[]; explicit: Set<string>; unknown: string[] } {
  const given = names.flatMap((name) => name.split(",")).map((name) => name.trim());
  const expanded = given.flatMap((name) => (name === "all" ? [...TARGET_NAMES] : [name]));
  const unique = [...new Set(expanded)];
  return { names: unique, explicit: new Set(given.filter((name) => name !== "all")), unknown: unique.filter((name) => !(TARGET_NAMES as ReadonlyArray<string>).includes(name)) };
}

/** The checker, the targets and the writer: what a build needs beyond loading, imported once per process. */
export function loadBuildModules() {
  return Promise.all([import("@orchc/compiler"), import("@orchc/targets"), import("@orchc/compiler/output")]);
}

export type BuildModules = Awaited<ReturnType<typeof loadBuildModules>>;

/** One build's exit code, and the files it read (the pipeline files and every local file they import). */
export interface BuildOutcome {
  readonly code: number;
  readonly inputs: ReadonlyArray<string>;
}

/** Loads, compiles for every requested target, and only then writes (or compares) anything. */
export async function buildCommand(files: string[], options: BuildOptions & { watch?: boolean }): Promise<number> {
  const requested = requestedTargets(options.target);
  if (requested.unknown.length > 0) {
    process.stderr.write(`orchc: unknown target ${requested.unknown.map((name) => `\`${name}\``).join(", ")}; targets: ${TARGET_NAMES.join(", ")}\n`);
    return 1;
  }
  if (options.watch) {
    if (options.check) {
      process.stderr.write("orchc: --watch cannot be used with --check: --check compares once (in CI); --watch writes on every save\n");
      return 1;
    }
    const { watchBuild } = await import("../watch/watch-build.js");
    return watchBuild(files, options);
  }
  // Started before loading so the checker and targets are evaluated while esbuild bundles the user's file.
  return (await buildOnce(files, options, loadBuildModules())).code;
}

/**
 * One build, as `orchc build` runs it; `--watch` calls it again on every change with the same
 * modules, and its own `load` (in a worker, so the user's modules do not pile up in the watcher).
 */
export async function buildOnce(files: ReadonlyArray<string>, options: BuildOptions, modules: Promise<BuildModules>, load: typeof loadPipelines = loadPipelines): Promise<BuildOutcome> {
  const { loaded, diagnostics, inputs } = await load(pipelineFiles(files));
  return { code: await buildLoaded(files, options, loaded, diagnostics, await modules), inputs };
}

async function buildLoaded(
  files: ReadonlyArray<string>,
  options: BuildOptions,
  loaded: ReadonlyArray<LoadedPipeline>,
  loadDiagnostics: ReadonlyArray<Diagnostic>,
  modules: BuildModules,
): Promise<number> {
  const requested = requestedTargets(options.target);
  const mode: OutputMode = { json: options.json ?? false, pending: [] };
  const [{ allowanceNotes, builtFor, compile, lowerToIR }, { targetNamed }, { renderWithHeader, writeGeneratedFiles, linkedDirectoryDiagnostics, OutputRefusedError }] = modules;
  // A file that failed to load must not hide the mistakes of the files that loaded: all are reported at once.
  if (await reportDiagnostics([...loadDiagnostics, ...(hasErrors(loadDiagnostics) ? lowerToIR(loaded, options.env ?? null).diagnostics : [])], mode)) return 1;

  const sets = [...(options.set ?? []), ...(options.airflowVersion === undefined ? [] : [`airflow.airflowVersion=${options.airflowVersion}`])];
  const targetOptions = parseTargetOptions(sets, requested.names);
  const outDir = resolve(options.out);
  const sourceName = sourceNamer(outDir);
  const sources = [...new Set(loaded.map(sourceName))].sort();
  const selection = selectionOf(options);
  // The checks and the IR are the same for every target: made once, not once per target.
  const lowered = lowerToIR(loaded, options.env ?? null, selection);
  const outputs: Array<{ target: AnyTarget; files: Array<{ path: string; text: string }> }> = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of requested.names) {
    const target = targetNamed(name)!;
    // A target named builds the pipelines that name it (a file may hold one pipeline per target
    // family); it refuses those that leave it out only when none names it, so it would write nothing.
    const undeclared = requested.explicit.has(name) && !(lowered.ir?.pipelines.some((pipeline) => builtFor(pipeline, target)) ?? false) ? "refuse" : "skip";
    const result = compile({ loaded, target, environment: options.env ?? null, options: targetOptions.get(name), selection, lowered, orchcVersion: ORCHC_VERSION, undeclared });
    diagnostics.push(...result.diagnostics);
    const rendered = result.files.map((file) => ({
      path: file.path,
      text: renderWithHeader(file, {
        orchcVersion: ORCHC_VERSION,
        target: target.name,
        sources: sourcesOf(file, loaded, sourceName),
        environment: environmentOf(file.pipelineIds, lowered.ir),
        notes: allowanceNotes(result.allowances ?? [], file.pipelineIds, file.pipelineIds.length > 1),
      }),
    }));
    outputs.push({ target, files: rendered });
  }
  // The checks shared by all targets run once per target; report each problem once.
  const unique = [...new Map(diagnostics.map((diagnostic) => [JSON.stringify([diagnostic.code, diagnostic.message, diagnostic.subject]), diagnostic])).values()];
  if (await reportDiagnostics(unique, mode)) return 1;

  const request = (target: AnyTarget, rendered: Array<{ path: string; text: string }>) => ({
    outDir,
    files: rendered,
    ownedDirectories: [...target.outputDirectories(targetOptions.get(target.name) ?? {})],
    target: target.name,
    sources,
    // A build of some tasks leaves out whole pipelines; their files from a full build are not stale.
    sweepStale: selection.length === 0,
    invocation: invocationOf(files, options),
  });
  if (options.check) {
    const { checkGeneratedFiles } = await import("@orchc/compiler/output/check");
    const problems = outputs.flatMap(({ target, files: rendered }) => checkGeneratedFiles(request(target, rendered)));
    if (await reportDiagnostics(problems, mode)) return 1;
    const count = outputs.reduce((sum, output) => sum + output.files.length, 0);
    if (options.json) printJson({ diagnostics: diagnosticsJson(mode.pending ?? []), upToDate: count });
    else process.stdout.write(`orchc: ${count} generated file${count === 1 ? " is" : "s are"} up to date\n`);
    return 0;
  }
  // Checked for every target before the first writes, so a refusal leaves all previous output as it was.
  if (await reportDiagnostics(outputs.flatMap(({ target, files: rendered }) => linkedDirectoryDiagnostics(request(target, rendered))), mode)) return 1;
  // Said on every build it applies to: a default environment (`dev`: paused, `[DEV] …`) must not be committed unnoticed.
  const applied = environmentOf(lowered.ir?.pipelines.map((pipeline) => pipeline.id) ?? [], lowered.ir);
  const environment = applied === null ? null : options.env === undefined ? `for environment ${applied}: the default; choose one with -e` : `for environment ${applied}`;
  const written: Array<{ target: string; written: string[]; unchanged: string[]; removed: string[] }> = [];
  for (const { target, files: rendered } of outputs) {
    let result: ReturnType<typeof writeGeneratedFiles>;
    try {
      result = writeGeneratedFiles(request(target, rendered));
    } catch (failure) {
      if (failure instanceof OutputRefusedError) {
        await reportDiagnostics(failure.diagnostics, mode);
        return 1;
      }
      const reason = failure instanceof Error ? failure.message : String(failure);
      await reportDiagnostics([error("ORC404", `${target.name}: ${reason}`, { hint: "the previous files were left as they were" })], mode);
      return 1;
    }
    await reportDiagnostics(result.warnings, mode);
    written.push({ target: target.name, written: result.written, unchanged: result.unchanged, removed: result.removed });
    if (!options.json && result.written.length + result.unchanged.length + result.removed.length === 0) {
      process.stdout.write(`orchc: ${target.name}: nothing to write (no pipeline names it in its \`targets\`)\n`);
    } else if (!options.json) {
      process.stdout.write(`${buildSummaryLine(target.name, result, { outDir, cwd: process.cwd(), environment })}\n`);
    }
  }
  if (options.json) printJson({ diagnostics: diagnosticsJson(mode.pending ?? []), outDir: relative(process.cwd(), outDir) || ".", targets: written });
  return 0;
}
