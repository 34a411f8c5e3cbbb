import { error, type Diagnostic } from "@orchc/compiler/diagnostics";
import { loadPipelines } from "@orchc/compiler/load";
import type { DiagnosticCode, PipelineNode } from "@orchc/compiler";
import { resolve, relative } from "node:path";
import { reportDiagnostics } from "../report-diagnostics.js";
import { ORCHC_VERSION } from "../version.js";
import { pipelineFiles } from "./pipeline-files.js";
import { announceReport, watchFile } from "./report-notice.js";
import { selectionOf, type SelectionOptions } from "./selection.js";

export interface RunCommandOptions extends SelectionOptions {
  readonly pipeline?: string;
  readonly env?: string;
  readonly parallel?: string;
  readonly param?: string[];
  readonly resume?: boolean | string;
  readonly from?: string;
  readonly only?: string[];
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly report?: string;
  readonly store?: string;
}

const PROBLEM_CODES: Record<string, DiagnosticCode> = { request: "ORC501", secret: "ORC502", busy: "ORC503", resume: "ORC504", store: "ORC505" };

function choosePipeline(pipelines: ReadonlyArray<PipelineNode>, requested: string | undefined, file: string): PipelineNode | Diagnostic {
  if (requested !== undefined) {
    const found = pipelines.find((pipeline) => pipeline.id === requested);
    return found ?? error("ORC501", `no pipeline \`${requested}\` in ${file}`, { hint: `pipelines: ${pipelines.map((pipeline) => pipeline.id).join(", ")}` });
  }
  if (pipelines.length === 1) return pipelines[0]!;
  return error("ORC501", `${file} declares ${pipelines.length} pipelines; say which to run`, { hint: `--pipeline ${pipelines.map((pipeline) => pipeline.id).join(" | ")}` });
}

/** `orchc run`: compiles the pipeline for the local target and runs it here with the runner `build --target local` embeds. */
export async function runCommand(files: string[], options: RunCommandOptions): Promise<number> {
  const sources = pipelineFiles(files);
  const heavy = Promise.all([import("@orchc/compiler"), import("@orchc/targets"), import("@orchc/runner")]);
  const { loaded, diagnostics: loadDiagnostics } = await loadPipelines(sources);
  const mode = { json: options.json ?? false };
  if (await reportDiagnostics(loadDiagnostics, mode)) return 1;
  const [{ builtFor, compile, lowerToIR, notBuiltFor }, { localTarget, localPlanFor }, { runPlan, RunInputError }] = await heavy;
  const lowered = lowerToIR(loaded, options.env ?? null, selectionOf(options));
  // A file may hold pipelines for other targets beside those run here: only the one run must be built for local.
  const compiled = compile({ loaded, target: localTarget, environment: options.env ?? null, options: {}, selection: selectionOf(options), lowered, orchcVersion: ORCHC_VERSION, undeclared: "skip" });
  if ((await reportDiagnostics(compiled.diagnostics, mode)) || !compiled.ir || !lowered.ir) return 1;
  const shownFile = sources.join(", ");
  const fileOf = (id: string) => loaded.find((entry) => (entry.spec as { id?: string }).id === id)?.file ?? resolve(sources[0]!);
  const notLocal = lowered.ir.pipelines.filter((pipeline) => !builtFor(pipeline, localTarget) && (options.pipeline === undefined || pipeline.id === options.pipeline));
  if (notLocal.length > 0 && (options.pipeline !== undefined || compiled.ir.pipelines.length === 0)) {
    await reportDiagnostics(notLocal.map((pipeline) => notBuiltFor(pipeline, localTarget, fileOf(pipeline.id))), mode);
    return 1;
  }
  const chosen = choosePipeline(compiled.ir.pipelines, options.pipeline, shownFile);
  if ("code" in chosen) {
    await reportDiagnostics([chosen], mode);
    return 1;
  }
  const pipelineFile = loaded.find((entry) => (entry.spec as { id?: string }).id === chosen.id)?.file ?? resolve(sources[0]!);
  const command = ["orchc run", ...sources.map((source) => relative(process.cwd(), resolve(source))), ...(options.pipeline ? ["--pipeline", options.pipeline] : [])].join(" ");
  // The CLI exits when its reader goes away (`orchc schema | head`); a run must instead go on and record its end.
  process.stdout.removeAllListeners("error");
  const report = options.report === undefined ? null : resolve(options.report);
  const reportWritten = report === null ? () => false : watchFile(report);
  try {
    const exitCode = await runPlan(localPlanFor(chosen), {
      cwd: process.cwd(),
      store: resolve(options.store ?? ".orchc/runs"),
      parallel: options.parallel === undefined ? null : Number(options.parallel),
      ...(options.parallel === undefined ? {} : { parallelText: options.parallel }),
      params: options.param ?? [],
      environment: null,
      resume: options.resume ?? false,
      from: options.from ?? null,
      only: (options.only ?? []).flatMap((entry) => entry.split(",")).filter((entry) => entry !== ""),
      dryRun: options.dryRun ?? false,
      json: options.json ?? false,
      report,
      env: process.env,
      stdout: process.stdout,
      command,
    });
    if (report !== null && reportWritten()) announceReport(report, options.json ?? false);
    return exitCode;
  } catch (failure) {
    if (!(failure instanceof RunInputError)) throw failure;
    const subject = failure.path.length > 0 ? { file: pipelineFile, pipelineId: chosen.id, path: failure.path } : undefined;
    await reportDiagnostics([error(PROBLEM_CODES[failure.problem]!, failure.message, { ...(failure.hint ? { hint: failure.hint } : {}), ...(subject ? { subject } : {}) })], mode);
    return 1;
  }
}
