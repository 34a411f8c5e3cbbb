import type { RunIf } from "@orchc/dsl";

export const TRIGGER_RULES: Record<RunIf, string> = {
  allSuccess: "all_success",
  allDone: "all_done",
  allFailed: "all_failed",
  atLeastOneFailed: "one_failed",
  atLeastOneSuccess: "one_success",
  noneFailed: "none_failed",
};
