import type { PipelineSpec } from "@orchc/dsl";
import { checkPipelines } from "./check/check-pipelines.js";
import { checkRunPipelines } from "./check/check-run-pipeline.js";
import { childrenNotBuilt } from "./check/children-not-built.js";
import { didYouMean } from "./diagnostics/did-you-mean.js";
import { error, hasErrors, type Diagnostic } from "./diagnostics/diagnostic.js";
import { IR_VERSION, type IR } from "./ir/ir.js";
import type { LoadedPipeline } from "./load/loaded-pipeline.js";
import type { PipelineNode } from "./ir/pipeline-node.js";
import { lowerPipeline } from "./lower/lower-pipeline.js";
import type { GeneratedFile } from "./output/generated-file.js";
import { selectTasks } from "./select/select-tasks.js";
import { parseSelectors } from "./select/task-selector.js";
import type { AppliedAllowance } from "./target/applied-allowances.js";
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
  const checked = checkPipelines(loaded);
  const { pipelines } = checked;
  const diagnostics = [...checked.diagnostics, ...checkRunPipelines(pipelines)];
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
  /**
   * What to do with a pipeline whose `targets` leave this target out: refuse it (ORC312; the target
   * was asked for by name) or leave it out (`-t all`, or a validate of every declared target).
   */
  readonly undeclared?: "refuse" | "skip";
}

export interface CompileResult {
  readonly ir: IR | null;
  readonly files: ReadonlyArray<GeneratedFile>;
  /** What the target dropped or emulated as the pipelines' `targets` allow, for the files' notes. */
  readonly allowances?: ReadonlyArray<AppliedAllowance>;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}

/** The whole pure pipeline: check → IR → capabilities → emit. Does no I/O. */
export function compile(request: CompileRequest): CompileResult {
  const { ir: lowered, diagnostics } = request.lowered ?? lowerToIR(request.loaded, request.environment, request.selection);
  if (!lowered) return { ir: lowered, files: [], diagnostics };
  const target = request.target;
  const fileOf = new Map(request.loaded.map((entry) => [(entry.spec as { id?: string }).id ?? "", entry.file]));
  const undeclared = lowered.pipelines.filter((pipeline) => !builtFor(pipeline, target));
  if (undeclared.length > 0 && request.undeclared !== "skip") {
    return { ir: lowered, files: [], diagnostics: [...diagnostics, ...undeclared.map((pipeline) => notBuiltFor(pipeline, target, fileOf.get(pipeline.id) ?? ""))] };
  }
  const ir: IR = undeclared.length === 0 ? lowered : { ...lowered, pipelines: lowered.pipelines.filter((pipeline) => builtFor(pipeline, target)) };
  // Nothing to write for this target: not even a bundle root or an index that would name no pipeline.
  if (ir.pipelines.length === 0) return { ir, files: [], diagnostics };
  const options = target.options.safeParse(request.options ?? {});
  if (!options.success) {
    const optionErrors = options.error.issues.map((issue) => {
      const key = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
      return error("ORC302", `invalid ${target.name} option \`${key}\`: ${issue.message}`, { hint: `set it as \`--set ${target.name}.<option>=<value>\`; the options are in docs/${target.name}.md` });
    });
    return { ir, files: [], diagnostics: [...diagnostics, ...optionErrors] };
  }
  const capabilities = checkCapabilities(ir, target, (id) => fileOf.get(id) ?? "");
  const targetDiagnostics = [
    ...childrenNotBuilt(ir, target, (id) => fileOf.get(id) ?? ""),
    ...capabilities.diagnostics,
    ...(target.check?.({ ir, options: options.data, fileOf: (id) => fileOf.get(id) ?? "" }) ?? []),
  ];
  const all = [...diagnostics, ...targetDiagnostics];
  if (hasErrors(all)) return { ir, files: [], diagnostics: all };
  return { ir, files: target.emit(ir, { options: options.data, orchcVersion: request.orchcVersion }), diagnostics: all, allowances: capabilities.applied };
}

/** Whether a pipeline is built for a target: every pipeline is built for `ir`, and for every target when it names none. */
export const builtFor = (pipeline: PipelineNode, target: AnyTarget): boolean =>
  target.key === null || pipeline.targets === null || pipeline.targets[target.key] !== undefined;

export function notBuiltFor(pipeline: PipelineNode, target: AnyTarget, file: string): Diagnostic {
  const named = Object.keys(pipeline.targets ?? {});
  return error("ORC312", `pipeline \`${pipeline.id}\` is not built for ${target.name}: its \`targets\` name ${named.length === 0 ? "no target" : named.join(", ")}`, {
    hint: `add \`${target.key}: {}\` to its \`targets\` to build it for ${target.name} too, or build with -t all, which builds each pipeline for the targets it names`,
    subject: { file, pipelineId: pipeline.id, path: ["targets"] },
  });
}
