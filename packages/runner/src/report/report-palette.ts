import type { AttemptOutcome } from "../store/run-events.js";

/** What a Gantt bar shows: an attempt's outcome, or `running` while it has none. */
export type BarOutcome = AttemptOutcome | "running";

/** Bar colours, written as fill attributes so a screenshot test can look for these exact pixels. */
export const OUTCOME_COLORS: Readonly<Record<BarOutcome, string>> = {
  success: "#1f883d",
  failed: "#cf222e",
  timed_out: "#e16f24",
  interrupted: "#8c959f",
  running: "#0969da",
};

export const OUTCOME_LABELS: Readonly<Record<BarOutcome, string>> = {
  success: "success",
  failed: "failed",
  timed_out: "timed out",
  interrupted: "interrupted",
  running: "running",
};

/** Legend order: the happy path first, then the ways an attempt ends badly. */
export const BAR_OUTCOMES: ReadonlyArray<BarOutcome> = ["success", "failed", "timed_out", "interrupted", "running"];
