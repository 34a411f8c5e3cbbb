// The runner's rule decisions against the shared truth table, cell by cell: which rules run, and
// whether a task that does not run ends skipped or upstream_failed.
import { describe, expect, it } from "vitest";
import { decideRule, TRIGGER_RULES, type UpstreamOutcome } from "../../../packages/runner/src/engine/trigger-rules.js";
import { RUN_IF_RULES } from "../../../packages/dsl/src/index.js";
import { TARGET_STATES, UPSTREAM_MIXES } from "../../semantics/trigger-rule-table.js";

/** What each table code is to the runner's rules: an optional task's failure is a failure. */
const SEEN_AS: Readonly<Record<string, UpstreamOutcome>> = { s: "success", f: "failure", k: "skipped", u: "upstream_failed", o: "failure" };
const DECISIONS: Readonly<Record<string, string>> = { S: "run", K: "skipped", U: "upstream_failed" };

describe("decideRule", () => {
  const cells = RUN_IF_RULES.flatMap((rule) => UPSTREAM_MIXES.map((mix, column) => ({ rule, mix, expected: DECISIONS[TARGET_STATES[rule].split(/\s+/)[column]!]! })));

  it.each(cells)("$rule after $mix: $expected", ({ rule, mix, expected }) => {
    const outcomes = [...mix].map((code) => SEEN_AS[code]!);
    expect(decideRule(rule, outcomes)).toBe(expected);
    expect(TRIGGER_RULES[rule](outcomes)).toBe(expected === "run");
  });

  it("runs a task with no upstream, whatever its rule", () => {
    for (const rule of RUN_IF_RULES) expect(decideRule(rule, [])).toBe("run");
  });
});
