import type { PipelineSpec } from "@orchc/dsl";
import { checkPipelines } from "./check/check-pipelines.js";
import { didYouMean } from "./diagnostics/did-you-mean.js";
import { error, hasErrors, type Diagnostic } from "./diagnostics/diagnostic.js";
import { IR_VERSION, type IR } from "./ir/ir.js";
import type { LoadedPipeline } from "./load/loaded-pipeline.js";
import { lowerPipeline } from "./lower/lower-pipeline.js";
import type { GeneratedFile } from "./output/generated-file.js";
import { selectTasks } from "./select/select-tasks.js";
import { parseSelectors } from "./select/task-selector.js";
import { checkCapabilities } from "./target/check-capabilities.js";
import type { AnyTarget } from "./target/target.js";

export interface LowerResult {
  readonly ir: IR | null;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}

/** The environment a pipeline resolves for: the one asked for, else its `default: true` one, else the base values. */
const environmentFor = (spec: PipelineSpec, requested: string | null): string | null =>
  requested ?? Object.entries(spec.environments ?? {}).find(([, environment]) => environment.default)?.[0] ?? null;

/**
 * Checks loaded pipelines and lowers them to the IR for one environment (null: each pipeline's
 * default), keeping only the tasks `selection` picks (`tag:x`, `group:x`, task ids; empty: all).
 */
export function lowerToIR(loaded: ReadonlyArray<LoadedPipeline>, environment: string | null, selection: ReadonlyArray<string> = []): LowerResult {
  const parsed = parseSelectors(selection);
  if (hasErrors(parsed.diagnostics)) return { ir: null, diagnostics: parsed.diagnostics };
  const { pipelines, diagnostics } = checkPipelines(loaded);
  if (hasErrors(diagnostics)) return { ir: null, diagnostics };
  const all = [...diagnostics];
  if (environment !== null) {
    for (const { loaded: entry, spec } of pipelines) {
      const declared = Object.keys(spec.environments ?? {});
      if (declared.includes(environment)) continue;
      all.push(
        error("ORC137", `pipeline \`${spec.id}\` declares no environment \`${environment}\``, {
          hint: didYouMean(environment, declared) ?? (declared.length > 0 ? `declared: ${declared.join(", ")}` : "add it to the pipeline's `environments`"),
          subject: { file: entry.file, pipelineId: spec.id, path: ["environments"] },
        }),
      );
    }
    if (hasErrors(all)) return { ir: null, diagnostics: all };
  }
  const ir: IR = { version: IR_VERSION, pipelines: pipelines.map((pipeline) => lowerPipeline(pipeline, environmentFor(pipeline.spec, environment))) };
  const fileOf = new Map(pipelines.map(({ loaded: entry, spec }) => [spec.id, entry.file]));
  const selected = selectTasks(ir, parsed.selectors, (id) => fileOf.get(id) ?? "");
  all.push(...selected.diagnostics);
  return { ir: hasErrors(selected.diagnostics) ? null : selected.ir, diagnostics: all };
}

export interface CompileRequest {
  readonly loaded: ReadonlyArray<LoadedPipeline>;
  readonly target: AnyTarget;
  readonly environment: string | null;
  /** Raw target options; the target's zod schema checks them. */
  readonly options: unknown;
  /** Selectors (`tag:x`, `group:x`, task ids): build only those tasks. */
  readonly selection?: ReadonlyArray<string>;
  /** `lowerToIR` of the same loaded pipelines, environment and selection, when a build for several targets has it already. */
  readonly lowered?: LowerResult;
  readonly orchcVersion: string;
}

export interface CompileResult {
  readonly ir: IR | null;
  readonly files: ReadonlyArray<GeneratedFile>;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}

/** The whole pure pipeline: check → IR → capabilities → emit. Does no I/O. */
export function compile(request: CompileRequest): CompileResult {
  const { ir, diagnostics } = request.lowered ?? lowerToIR(request.loaded, request.environment, request.selection);
  if (!ir) return { ir, files: [], diagnostics };
  const target = request.target;
  const options = target.options.safeParse(request.options ?? {});
  if (!options.success) {
    const optionErrors = options.error.issues.map((issue) => {
      const key = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
      return error("ORC302", `invalid ${target.name} option \`${key}\`: ${issue.message}`, { hint: `set it as \`--set ${target.name}.<option>=<value>\`; the options are in docs/${target.name}.md` });
    });
    return { ir, files: [], diagnostics: [...diagnostics, ...optionErrors] };
  }
  const fileOf = new Map(request.loaded.map((entry) => [(entry.spec as { id?: string }).id ?? "", entry.file]));
  const targetDiagnostics = [
    ...checkCapabilities(ir, target, (id) => fileOf.get(id) ?? ""),
    ...(target.check?.({ ir, options: options.data, fileOf: (id) => fileOf.get(id) ?? "" }) ?? []),
  ];
  const all = [...diagnostics, ...targetDiagnostics];
  if (hasErrors(all)) return { ir, files: [], diagnostics: all };
  return { ir, files: target.emit(ir, { options: options.data, orchcVersion: request.orchcVersion }), diagnostics: all };
}
