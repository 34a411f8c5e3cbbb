import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { IR } from "../ir/ir.js";
import type { AppliedAllowance } from "./applied-allowances.js";
import type { Capability } from "./capabilities.js";
import { featuresUsed, type FeatureUse } from "./features-used.js";
import type { AnyTarget } from "./target.js";

/**
 * Turns every use of a feature the target cannot express into an ORC301 naming the way out, unless
 * the pipeline's `targets` lets this target drop or emulate it: those are `applied`, for the files'
 * notes. One cause is one report: a pipeline value that environments set again is reported at the
 * pipeline, naming those environments.
 */
export function checkCapabilities(ir: IR, target: AnyTarget, fileOf: (pipelineId: string) => string): { diagnostics: Diagnostic[]; applied: AppliedAllowance[] } {
  const diagnostics: Diagnostic[] = [];
  const applied: AppliedAllowance[] = [];
  for (const pipeline of ir.pipelines) {
    const allowed = target.key === null ? {} : (pipeline.targets?.[target.key] ?? {});
    const causes = new Map<string, FeatureUse[]>();
    for (const use of featuresUsed(pipeline)) {
      const capability = target.capabilities[use.feature];
      if (capability.supported) continue;
      const choice = allowed[use.feature];
      if (choice !== undefined) {
        if (!applied.some((allowance) => allowance.pipelineId === pipeline.id && allowance.feature === use.feature)) {
          applied.push({ pipelineId: pipeline.id, feature: use.feature, choice, effect: capability.allow?.[choice] ?? "" });
        }
        continue;
      }
      const cause = `${use.feature}\u0000${use.subject.taskId ?? ""}`;
      causes.set(cause, [...(causes.get(cause) ?? []), use]);
    }
    for (const [first, ...again] of causes.values()) {
      const capability = target.capabilities[first!.feature] as Extract<Capability, { supported: false }>;
      const also = again.length === 0 ? "" : ` (also ${again.map((use) => `environment \`${use.environment}\``).join(", ")})`;
      diagnostics.push(
        error("ORC301", `${first!.what}${also}, which the ${target.name} target cannot express: ${capability.reason}`, {
          hint: [capability.wayOut, allowanceHint(target, first!.feature, capability)].filter(Boolean).join("; or "),
          subject: { file: fileOf(pipeline.id), ...first!.subject },
        }),
      );
    }
  }
  return { diagnostics, applied };
}

/** The declaration that would let the target drop or emulate the feature, written as the user would type it. */
function allowanceHint(target: AnyTarget, feature: string, capability: Extract<Capability, { supported: false }>): string {
  if (target.key === null || capability.allow === undefined) return "";
  const choices = (["emulate", "drop"] as const).filter((choice) => capability.allow?.[choice] !== undefined);
  if (choices.length === 0) return "";
  const declaration = (choice: string) => `\`targets: { ${target.key}: { "${feature}": "${choice}" } }\``;
  return choices.map((choice) => `let ${target.name} ${choice} it, ${declaration(choice)} (${capability.allow![choice]})`).join("; or ");
}
