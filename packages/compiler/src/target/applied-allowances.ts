import type { Allowance } from "@orchc/dsl";
import type { IR } from "../ir/ir.js";
import type { Feature } from "./capabilities.js";
import { featuresUsed } from "./features-used.js";
import type { AnyTarget } from "./target.js";

/** A feature a target leaves out or emulates because the pipeline's `targets` allow it. */
export interface AppliedAllowance {
  readonly pipelineId: string;
  readonly feature: Feature;
  readonly choice: Allowance;
  /** What the target writes instead, from its capability table. */
  readonly effect: string;
}

/** Every allowance a build uses: a feature the pipeline uses, the target cannot express, and the pipeline allows it to drop or emulate. */
export function appliedAllowances(ir: IR, target: AnyTarget): AppliedAllowance[] {
  if (target.key === null) return [];
  const applied: AppliedAllowance[] = [];
  for (const pipeline of ir.pipelines) {
    const allowed = pipeline.targets?.[target.key] ?? {};
    const features = new Set(featuresUsed(pipeline).map((use) => use.feature));
    for (const feature of features) {
      const capability = target.capabilities[feature];
      const choice = allowed[feature];
      if (capability.supported || choice === undefined) continue;
      applied.push({ pipelineId: pipeline.id, feature, choice, effect: capability.allow?.[choice] ?? "" });
    }
  }
  return applied;
}

/** The lines a generated file says of them, below its header. */
export function allowanceNotes(applied: ReadonlyArray<AppliedAllowance>, pipelineIds: ReadonlyArray<string>, several: boolean): string[] {
  return applied
    .filter((allowance) => pipelineIds.includes(allowance.pipelineId))
    .map((allowance) => {
      const whose = several ? `pipeline \`${allowance.pipelineId}\`'s ` : "";
      return `${whose}${allowance.feature} is ${allowance.choice === "drop" ? "dropped" : "emulated"} here, as the pipeline's \`targets\` allow: ${allowance.effect}`;
    });
}
