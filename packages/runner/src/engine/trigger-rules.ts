import type { RunIfRule } from "../plan.js";

/**
 * What a finished upstream task means to the tasks after it. A failed optional task is still a
 * failure to them; `upstream_failed` is a task that did not run because a task it needs failed.
 */
export type UpstreamOutcome = "success" | "failure" | "skipped" | "upstream_failed";

/** What a task whose upstream tasks have all ended becomes: it runs, or it ends without running in one of two states. */
export type RuleDecision = "run" | "skipped" | "upstream_failed";

interface Counts {
  readonly total: number;
  readonly success: number;
  /** failed or upstream_failed: what Airflow's rules read as a failure. */
  readonly failures: number;
  readonly skipped: number;
}

/**
 * Airflow's trigger_rule_dep (3.3), for upstream tasks that have all ended: which rule runs, and
 * which state a task gets when its rule does not hold. upstream_failed counts as a failure
 * wherever a failure does; skipped never does.
 */
const DECIDE: Readonly<Record<RunIfRule, (counts: Counts) => RuleDecision>> = {
  allSuccess: ({ failures, skipped }) => (failures > 0 ? "upstream_failed" : skipped > 0 ? "skipped" : "run"),
  allDone: () => "run",
  allFailed: ({ success, skipped }) => (success + skipped > 0 ? "skipped" : "run"),
  atLeastOneFailed: ({ failures }) => (failures > 0 ? "run" : "skipped"),
  atLeastOneSuccess: ({ total, success, skipped }) => (success > 0 ? "run" : skipped === total ? "skipped" : "upstream_failed"),
  noneFailed: ({ failures }) => (failures > 0 ? "upstream_failed" : "run"),
};

/** Whether a task runs once every task it waits for has ended, and if not, the state it ends in. A task with no upstream runs. */
export function decideRule(rule: RunIfRule, outcomes: ReadonlyArray<UpstreamOutcome>): RuleDecision {
  if (outcomes.length === 0) return "run";
  const count = (wanted: (outcome: UpstreamOutcome) => boolean) => outcomes.filter(wanted).length;
  return DECIDE[rule]({
    total: outcomes.length,
    success: count((outcome) => outcome === "success"),
    failures: count((outcome) => outcome === "failure" || outcome === "upstream_failed"),
    skipped: count((outcome) => outcome === "skipped"),
  });
}

/** orchc's trigger rules as yes/no; the GitHub and Airflow targets are tested against the same table. */
export const TRIGGER_RULES: Readonly<Record<RunIfRule, (outcomes: ReadonlyArray<UpstreamOutcome>) => boolean>> = Object.fromEntries(
  (Object.keys(DECIDE) as RunIfRule[]).map((rule) => [rule, (outcomes: ReadonlyArray<UpstreamOutcome>) => decideRule(rule, outcomes) === "run"]),
) as Record<RunIfRule, (outcomes: ReadonlyArray<UpstreamOutcome>) => boolean>;

const OUTCOME_WORDS: Readonly<Record<UpstreamOutcome, string>> = { success: "succeeded", failure: "failed", skipped: "skipped", upstream_failed: "upstream failed" };

/** Why a task did not run, in words for the summary. */
export function notRunReason(rule: RunIfRule, upstream: ReadonlyArray<{ readonly id: string; readonly outcome: UpstreamOutcome }>): string {
  return `runIf ${rule} not met: ${upstream.map(({ id, outcome }) => `${id} ${OUTCOME_WORDS[outcome]}`).join(", ")}`;
}
