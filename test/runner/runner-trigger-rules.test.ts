import { describe, it } from "vitest";
import { TRIGGER_RULES, type UpstreamOutcome } from "../../packages/runner/src/engine/trigger-rules.js";
import type { RunIfRule } from "../../packages/runner/src/plan.js";
import { makePlan, outputOf, useSandboxes, type TaskSpec } from "./runner-harness.js";

const sandbox = useSandboxes();

/** How an upstream task ends: succeeds, fails, is skipped (its own rule not met), or fails while optional. */
type Made = "success" | "failure" | "skipped" | "optionalFailure";

const RULES = Object.keys(TRIGGER_RULES) as RunIfRule[];

/** Upstream combinations each rule is checked against. */
const COMBINATIONS: ReadonlyArray<ReadonlyArray<Made>> = [
  ["success"],
  ["failure"],
  ["skipped"],
  ["optionalFailure"],
  ["success", "success"],
  ["failure", "failure"],
  ["skipped", "skipped"],
  ["success", "failure"],
  ["success", "skipped"],
  ["failure", "skipped"],
  ["success", "optionalFailure"],
  ["skipped", "optionalFailure"],
  ["success", "failure", "skipped"],
];

/** What the upstream outcome is to the tasks after it: an optional task's failure is still a failure. */
const SEEN_AS: Record<Made, UpstreamOutcome> = { success: "success", failure: "failure", skipped: "skipped", optionalFailure: "failure" };

const CODE: Record<Made, string> = { success: "s", failure: "f", skipped: "k", optionalFailure: "o" };

/** The tasks that produce one upstream outcome, each sub-graph with its own. */
function upstream(prefix: string, made: Made, tasks: Record<string, TaskSpec>): string {
  const id = `${prefix}_up`;
  switch (made) {
    case "success":
      tasks[id] = { script: `touch ran/${id}` };
      break;
    case "failure":
      tasks[id] = { script: `touch ran/${id}; exit 1` };
      break;
    case "optionalFailure":
      tasks[id] = { script: `touch ran/${id}; exit 1`, optional: true };
      break;
    case "skipped":
      // Its only upstream succeeds, so its own rule (allFailed) is not met.
      tasks[`${prefix}_gate`] = { script: `touch ran/${prefix}_gate` };
      tasks[id] = { script: `touch ran/${id}`, after: `${prefix}_gate`, runIf: "allFailed" };
      break;
  }
  return id;
}

describe.concurrent("trigger rules", () => {
  it("every rule against every upstream outcome in one run matches TRIGGER_RULES", async ({ expect }) => {
    const tasks: Record<string, TaskSpec> = {};
    const expected: Record<string, boolean> = {};
    for (const rule of RULES) {
      for (const combination of COMBINATIONS) {
        const target = `${rule}__${combination.map((made) => CODE[made]).join("")}`;
        const ups = combination.map((made, index) => upstream(`${target}_${index}`, made, tasks));
        tasks[target] = { script: `touch ran/${target}`, after: ups, runIf: rule };
        expected[target] = TRIGGER_RULES[rule](combination.map((made) => SEEN_AS[made]));
      }
    }
    // A few cells spelled out, so the table is not only checked against itself.
    expect([expected["allSuccess__o"], expected["allFailed__k"], expected["noneFailed__k"], expected["noneFailed__so"], expected["atLeastOneSuccess__ko"], expected["allFailed__ff"]]).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    const box = sandbox(makePlan("trigger_rules", tasks));
    box.write("ran/.keep");
    const result = await box.run(["--parallel", "4"]);
    // Critical upstream tasks fail on purpose.
    expect(result.code, outputOf(result)).toBe(2);
    const record = box.record();

    const actual = Object.fromEntries(Object.keys(expected).map((target) => [target, box.exists(`ran/${target}`)]));
    expect(actual).toEqual(expected);
    // Every rule runs on some outcomes, and every rule but allDone is skipped on others: no case is vacuous.
    for (const rule of RULES) {
      const outcomes = Object.entries(expected).filter(([target]) => target.startsWith(`${rule}__`));
      expect(
        outcomes.some(([, runs]) => runs),
        rule,
      ).toBe(true);
      expect(
        outcomes.some(([, runs]) => !runs),
        rule,
      ).toBe(rule !== "allDone");
    }
    for (const [target, runs] of Object.entries(expected)) {
      const task = record.tasks.get(target)!;
      expect({ target, status: task.status, attempts: task.attempts.length }).toEqual({ target, status: runs ? "success" : "skipped", attempts: runs ? 1 : 0 });
      if (!runs) expect(task.reason, target).toMatch(/^runIf \w+ not met: /);
    }
    // The skipped upstreams never ran either.
    for (const [id, task] of record.tasks) {
      if (id.endsWith("_up") && tasks[id]!.runIf === "allFailed") {
        expect(task.status).toBe("skipped");
        expect(box.exists(`ran/${id}`)).toBe(false);
      }
    }
  });

  it("a skipped task's allSuccess dependents are skipped in turn, and allDone ones still run", async ({ expect }) => {
    const box = sandbox(
      makePlan("trigger_chain", {
        bad: "exit 1",
        b: { script: "touch b", after: "bad" },
        c: { script: "touch c", after: "b" },
        d: { script: "touch d", after: "c", runIf: "allDone" },
        e: { script: "touch e", after: "d" },
      }),
    );
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(2);
    const record = box.record();
    expect(Object.fromEntries([...record.tasks].map(([id, task]) => [id, task.status]))).toEqual({ bad: "failed", b: "skipped", c: "skipped", d: "success", e: "success" });
    expect(record.tasks.get("c")!.reason).toBe("runIf allSuccess not met: b skipped");
    expect(["b", "c", "d", "e"].filter((file) => box.exists(file))).toEqual(["d", "e"]);
  });
});
