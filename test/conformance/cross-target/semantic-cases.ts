// The pipelines every engine runs in cross-target.test.ts: each rule against each upstream state
// in three-level chains (the truth table), and the cases issue 15 names, each with the run status
// orchc's definition gives (semantics-model.ts).
import type { RunIf } from "../../../packages/dsl/src/index.js";
import type { CaseTask } from "./semantics-model.js";

export interface SemanticTask extends CaseTask {
  /** Seconds after which the task is stopped; its command then sleeps far longer. */
  readonly timeoutSeconds?: number;
}

export interface SemanticCase {
  readonly id: string;
  readonly what: string;
  readonly tasks: ReadonlyArray<SemanticTask>;
}

export const RULES: ReadonlyArray<RunIf> = ["allSuccess", "allDone", "allFailed", "atLeastOneFailed", "atLeastOneSuccess", "noneFailed"];

/** What the task under test waits for ends as. */
export const UPSTREAM_OUTCOMES = ["success", "failed", "skipped", "upstream_failed", "optional_failed"] as const;
export type UpstreamOutcome = (typeof UPSTREAM_OUTCOMES)[number];

const CODE: Record<UpstreamOutcome, string> = { success: "s", failed: "f", skipped: "k", upstream_failed: "u", optional_failed: "o" };

const task = (id: string, extra: Partial<SemanticTask> = {}): SemanticTask => ({ id, after: [], runIf: "allSuccess", optional: false, fails: false, ...extra });

/** The tasks that leave `<prefix>_up` in the given state. */
function producer(prefix: string, outcome: UpstreamOutcome): SemanticTask[] {
  const up = `${prefix}_up`;
  switch (outcome) {
    case "success":
      return [task(up)];
    case "failed":
      return [task(up, { fails: true })];
    case "optional_failed":
      return [task(up, { fails: true, optional: true })];
    case "skipped":
      // Its only upstream succeeds, so its own rule (allFailed) is not met.
      return [task(`${prefix}_gate`), task(up, { after: [`${prefix}_gate`], runIf: "allFailed" })];
    case "upstream_failed":
      return [task(`${prefix}_gate`, { fails: true }), task(up, { after: [`${prefix}_gate`] })];
  }
}

/**
 * One cell: `<cell>_up` ends in `outcome`, `<cell>_t` (rule under test) waits for it, and two
 * tasks read `<cell>_t`'s own state in turn: `_all` (allSuccess) and `_alert` (atLeastOneFailed).
 */
export function truthTableCell(rule: RunIf, outcome: UpstreamOutcome): SemanticCase {
  const id = `${rule}_${CODE[outcome]}`;
  return {
    id,
    what: `${rule} after an upstream that ended ${outcome}`,
    tasks: [
      ...producer(id, outcome),
      task(`${id}_t`, { after: [`${id}_up`], runIf: rule }),
      task(`${id}_all`, { after: [`${id}_t`] }),
      task(`${id}_alert`, { after: [`${id}_t`], runIf: "atLeastOneFailed" }),
    ],
  };
}

export const TRUTH_TABLE: ReadonlyArray<SemanticCase> = RULES.flatMap((rule) => UPSTREAM_OUTCOMES.map((outcome) => truthTableCell(rule, outcome)));

/** The disagreements issue 15 found, one pipeline each, so each has its own run status. */
export const NAMED_CASES: ReadonlyArray<SemanticCase> = [
  { id: "all_succeed", what: "every task succeeds", tasks: [task("a"), task("b", { after: ["a"] })] },
  { id: "cleanup_after_failure", what: "a fails, cleanup (allDone after a) succeeds: FAILED", tasks: [task("a", { fails: true }), task("cleanup", { after: ["a"], runIf: "allDone" })] },
  {
    id: "alert_after_upstream_failed",
    what: "extract fails, load does not run, alert (atLeastOneFailed after load) runs: FAILED",
    tasks: [task("extract", { fails: true }), task("load", { after: ["extract"] }), task("alert", { after: ["load"], runIf: "atLeastOneFailed" })],
  },
  {
    id: "none_failed_after_upstream_failed",
    what: "a fails, b does not run, c (noneFailed after b) does not run either",
    tasks: [task("a", { fails: true }), task("b", { after: ["a"] }), task("c", { after: ["b"], runIf: "noneFailed" })],
  },
  {
    id: "all_success_after_all_done",
    what: "a fails, b (allDone after a) succeeds, d (allSuccess after b) runs",
    tasks: [task("a", { fails: true }), task("b", { after: ["a"], runIf: "allDone" }), task("d", { after: ["b"] })],
  },
  { id: "optional_fails", what: "an optional task fails: PARTIAL", tasks: [task("a"), task("report", { after: ["a"], optional: true, fails: true })] },
  {
    id: "optional_times_out",
    what: "an optional task times out: PARTIAL",
    tasks: [task("a"), task("slow", { after: ["a"], optional: true, fails: true, timeoutSeconds: 2 })],
  },
  {
    id: "optional_after_failure",
    what: "a fails, the optional task after it does not run: FAILED",
    tasks: [task("a", { fails: true }), task("report", { after: ["a"], optional: true })],
  },
  {
    id: "failure_after_optional",
    what: "an optional task fails, the task needing its success does not run: FAILED",
    tasks: [task("report", { optional: true, fails: true }), task("publish", { after: ["report"] })],
  },
];

/** Every truth-table cell as one pipeline (its run status is FAILED: cells fail on purpose). */
export function combined(id: string, cases: ReadonlyArray<SemanticCase>): SemanticCase {
  return { id, what: "the truth table", tasks: cases.flatMap((entry) => entry.tasks) };
}

/** The command a task runs on the shell targets: it succeeds, fails, or outlives its timeout. */
export function commandOf(entry: SemanticTask): string {
  if (entry.timeoutSeconds !== undefined) return "sleep 60";
  return entry.fails ? "exit 1" : "true";
}

/** A plain-object pipeline.ts exporting each case, for `orchc build` and `orchc run`. */
export function pipelineSource(cases: ReadonlyArray<SemanticCase>): string {
  const lines = ['import { definePipeline } from "orchc";', ""];
  for (const entry of cases) {
    const tasks = Object.fromEntries(
      entry.tasks.map((t) => [
        t.id,
        {
          action: { kind: "shell", command: commandOf(t) },
          ...(t.after.length > 0 && { after: t.after }),
          ...(t.runIf !== "allSuccess" && { runIf: t.runIf }),
          ...(t.optional && { optional: true }),
          ...(t.timeoutSeconds !== undefined && { timeout: `${t.timeoutSeconds}s` }),
        },
      ]),
    );
    lines.push(`export const ${entry.id} = definePipeline(${JSON.stringify({ id: entry.id, tasks }, null, 2)});`, "");
  }
  return lines.join("\n");
}

/** The case as a plain-object spec for the databricks target, which runs notebooks, not shell commands. */
export function databricksSpec(entry: SemanticCase): Record<string, unknown> {
  return {
    id: entry.id,
    tasks: entry.tasks.map((task) => ({
      id: task.id,
      action: { kind: "notebook", path: "src/nb.py" },
      ...(task.after.length > 0 && { after: task.after }),
      runIf: task.runIf,
      optional: task.optional,
      ...(task.timeoutSeconds !== undefined && { timeout: `${task.timeoutSeconds}s` }),
    })),
  };
}
