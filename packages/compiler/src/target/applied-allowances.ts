import type { Allowance } from "@orchc/dsl";
import type { Feature } from "./capabilities.js";

/** A feature a target leaves out or emulates because the pipeline's `targets` allow it. */
export interface AppliedAllowance {
  readonly pipelineId: string;
  readonly feature: Feature;
  readonly choice: Allowance;
  /** What the target writes instead, from its capability table. */
  readonly effect: string;
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
