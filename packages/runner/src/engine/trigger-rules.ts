import type { RunIfRule } from "../plan.js";

/** What a finished upstream task means to the tasks after it. A failed optional task is still a failure to them. */
export type UpstreamOutcome = "success" | "failure" | "skipped";

/** orchc's trigger rules; the GitHub and Airflow targets are tested against the same table. */
export const TRIGGER_RULES: Readonly<Record<RunIfRule, (outcomes: ReadonlyArray<UpstreamOutcome>) => boolean>> = {
  allSuccess: (outcomes) => outcomes.every((outcome) => outcome === "success"),
  allDone: () => true,
  allFailed: (outcomes) => outcomes.every((outcome) => outcome === "failure"),
  atLeastOneFailed: (outcomes) => outcomes.some((outcome) => outcome === "failure"),
  atLeastOneSuccess: (outcomes) => outcomes.some((outcome) => outcome === "success"),
  noneFailed: (outcomes) => outcomes.every((outcome) => outcome !== "failure"),
};

/** Why a task did not run, in words for the summary. */
export function skipReason(rule: RunIfRule, upstream: ReadonlyArray<{ readonly id: string; readonly outcome: UpstreamOutcome }>): string {
  const described = upstream.map(({ id, outcome }) => `${id} ${outcome === "failure" ? "failed" : outcome === "skipped" ? "skipped" : "succeeded"}`).join(", ");
  return `runIf ${rule} not met: ${described}`;
}
