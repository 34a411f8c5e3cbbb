import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { IR } from "../ir/ir.js";
import type { Capability } from "./capabilities.js";
import { featuresUsed, type FeatureUse } from "./features-used.js";
import type { AnyTarget } from "./target.js";

/**
 * Turns every use of a feature the target cannot express into an ORC301 naming the way out, unless
 * the pipeline's `targets` lets this target drop or emulate it. One cause is one report: a pipeline
 * value that environments set again is reported at the pipeline, naming those environments.
 */
export function checkCapabilities(ir: IR, target: AnyTarget, fileOf: (pipelineId: string) => string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const pipeline of ir.pipelines) {
    const allowed = target.key === null ? {} : (pipeline.targets?.[target.key] ?? {});
    const causes = new Map<string, FeatureUse[]>();
    for (const use of featuresUsed(pipeline)) {
      if (target.capabilities[use.feature].supported || Object.hasOwn(allowed, use.feature)) continue;
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
  return diagnostics;
}

/** The declaration that would let the target drop or emulate the feature, written as the user would type it. */
function allowanceHint(target: AnyTarget, feature: string, capability: Extract<Capability, { supported: false }>): string {
  if (target.key === null || capability.allow === undefined) return "";
  const choices = (["emulate", "drop"] as const).filter((choice) => capability.allow?.[choice] !== undefined);
  if (choices.length === 0) return "";
  const declaration = (choice: string) => `\`targets: { ${target.key}: { "${feature}": "${choice}" } }\``;
  return choices.map((choice) => `let ${target.name} ${choice} it, ${declaration(choice)} (${capability.allow![choice]})`).join("; or ");
}
