// A for-each task as the journal tells it (its list, each iteration's attempts and status, what a
// resume keeps) and as the HTML report and `runs show` show it: one row per iteration, its item
// escaped like every string from a journal.
import { describe, expect, it } from "vitest";
import { renderHtmlReport } from "../../../packages/runner/src/report/html-report.js";
import { showRun } from "../../../packages/runner/src/report/runs-views.js";
import type { IterationStatus, RunEvent } from "../../../packages/runner/src/store/run-events.js";
import { RunStore } from "../../../packages/runner/src/store/run-store.js";
import { recordOf } from "./run-event-fixtures.js";

const T0 = Date.UTC(2026, 11, 1, 6, 0, 0);
const at = (seconds: number) => T0 + seconds * 1000;
const HOSTILE_ITEM = `<script>alert("item")</script> & 'q' \n line two`;
const ITEMS = ["2026-12-01", HOSTILE_ITEM, "fail-me"];

const runStarted = (seconds: number, session: number): RunEvent => ({
  type: "run_started",
  at: at(seconds),
  runId: "for_each-20261201T060000Z",
  pipeline: { id: "for_each", name: "for_each" },
  planHash: "abc",
  environment: null,
  params: {},
  parallel: 2,
  tasks: ["fan", "after_fan"],
  optional: [],
  session,
  pid: 100 + session,
});

function iterationAttempt(index: number, attempt: number, from: number, to: number, outcome: "success" | "failed"): RunEvent[] {
  return [
    { type: "task_started", at: at(from), task: "fan", attempt, pid: 7, log: `logs/fan.${index}.${attempt}.log`, iteration: index, item: ITEMS[index]! },
    { type: "attempt_finished", at: at(to), task: "fan", attempt, outcome, exitCode: outcome === "success" ? 0 : 1, durationMs: (to - from) * 1000, iteration: index },
  ];
}

const iterationFinished = (index: number, seconds: number, status: IterationStatus, reason: string | null = null): RunEvent => ({
  type: "iteration_finished",
  at: at(seconds),
  task: "fan",
  iteration: index,
  item: ITEMS[index]!,
  status,
  reason,
});

/** `fan` over three items, two at once: `fail-me` fails both its attempts, so `fan` fails and `after_fan` does not run. */
function failedFan(): RunEvent[] {
  return [
    runStarted(0, 1),
    { type: "items_listed", at: at(0), task: "fan", items: ITEMS, kept: [] },
    ...iterationAttempt(0, 1, 0, 2, "success"),
    iterationFinished(0, 2, "success"),
    ...iterationAttempt(1, 1, 0, 3, "success"),
    iterationFinished(1, 3, "success"),
    ...iterationAttempt(2, 1, 2, 4, "failed"),
    { type: "retry_scheduled", at: at(4), task: "fan", attempt: 2, delaySeconds: 1, iteration: 2 },
    ...iterationAttempt(2, 2, 5, 6, "failed"),
    iterationFinished(2, 6, "failed", "exit code 1"),
    { type: "task_finished", at: at(6), task: "fan", status: "failed", reason: '1 of 3 iterations failed: item 2 "fail-me" (exit code 1)' },
    { type: "task_finished", at: at(6), task: "after_fan", status: "upstream_failed", reason: "runIf allSuccess not met: fan failed" },
    { type: "run_finished", at: at(6), status: "failed", exitCode: 2, reason: "failed: fan" },
  ];
}

describe("the run record of a for-each task", () => {
  it("holds its list, each iteration's status and its attempts numbered per iteration", () => {
    const fan = recordOf(failedFan()).tasks.get("fan")!;
    expect(fan.iterations).toEqual([
      { index: 0, item: "2026-12-01", status: "success", reason: null },
      { index: 1, item: HOSTILE_ITEM, status: "success", reason: null },
      { index: 2, item: "fail-me", status: "failed", reason: "exit code 1" },
    ]);
    expect(fan.attempts.map((attempt) => [attempt.iteration, attempt.attempt, attempt.outcome])).toEqual([
      [0, 1, "success"],
      [1, 1, "success"],
      [2, 1, "failed"],
      [2, 2, "failed"],
    ]);
  });

  it("on a resume keeps the iterations the session keeps and runs the others again", () => {
    const events = [
      ...failedFan(),
      runStarted(60, 2),
      { type: "items_listed", at: at(60), task: "fan", items: ITEMS, kept: [0, 1] } as const,
      ...iterationAttempt(2, 3, 60, 61, "success"),
      iterationFinished(2, 61, "success"),
      { type: "task_finished", at: at(61), task: "fan", status: "success", reason: null } as const,
    ];
    const midway = recordOf(events.slice(0, failedFan().length + 1)).tasks.get("fan")!;
    expect(midway.iterations.map((iteration) => iteration.status)).toEqual(["success", "success", null]);
    const fan = recordOf(events).tasks.get("fan")!;
    expect(fan.status).toBe("success");
    expect(fan.iterations.map((iteration) => iteration.status)).toEqual(["success", "success", "success"]);
    expect(fan.attempts.filter((attempt) => attempt.iteration === 2).map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
  });

  it("reads a journal written before for-each tasks as it was written", () => {
    const task = recordOf([
      runStarted(0, 1),
      { type: "task_started", at: at(0), task: "fan", attempt: 1, pid: 7, log: "logs/fan.1.log" },
      { type: "attempt_finished", at: at(1), task: "fan", attempt: 1, outcome: "success", exitCode: 0, durationMs: 1000 },
      { type: "task_finished", at: at(1), task: "fan", status: "success", reason: null },
    ]).tasks.get("fan")!;
    expect(task.iterations).toEqual([]);
    expect(task.attempts).toEqual([{ attempt: 1, iteration: null, startedAt: at(0), endedAt: at(1), outcome: "success", exitCode: 0, log: "logs/fan.1.log", pid: 7 }]);
  });
});

describe("the HTML report of a for-each task", () => {
  const html = renderHtmlReport(recordOf(failedFan()), { taskOrder: ["fan", "after_fan"], optional: new Set(), generatedAt: at(100) });

  it("has a table row per iteration with its item, status, attempts, duration and log, and an anchor the timeline links to", () => {
    const rows = [...html.matchAll(/<tr class="iteration-row" id="([^"]+)" data-task="fan" data-iteration="(\d)" data-status="([a-z_]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((row) => [row[1], row[2], row[3]])).toEqual([
      ["iteration-fan-0", "0", "success"],
      ["iteration-fan-1", "1", "success"],
      ["iteration-fan-2", "2", "failed"],
    ]);
    const failing = rows[2]![4]!;
    expect(failing).toContain("<code>logs/<wbr>fan.2.2.log</code>");
    expect(failing).toContain(">exit code 1<");
    expect(failing).toMatch(/<\/span>2<\/td>/);
    expect(failing).toContain(">3.0 s<");
    expect(html).toContain('<span class="iteration-count">3 items</span>');
    for (const index of [0, 1, 2]) expect(html).toContain(`<a href="#iteration-fan-${index}"><rect class="bar`);
    expect([...html.matchAll(/data-task="fan" data-iteration="(\d)" data-attempt="(\d)" data-outcome="([a-z_]+)"/g)].map((match) => `${match[1]}#${match[2]}:${match[3]}`)).toEqual([
      "0#1:success",
      "1#1:success",
      "2#1:failed",
      "2#2:failed",
    ]);
  });

  it("escapes an item wherever it appears", () => {
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;item&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
  });
});

describe("`runs show` of a for-each task", () => {
  it("lists each iteration under its task", () => {
    const text = showRun(new RunStore("/nonexistent-store"), recordOf(failedFan()), false);
    expect(text).toMatch(/\n {2}\[0\] "2026-12-01" +success +1 +2\.0s/);
    expect(text).toMatch(/\n {2}\[2\] "fail-me" +failed +2 +3\.0s .*exit code 1/);
    expect(text).toContain(`[1] "<script>alert(\\"item\\")</script> & 'q…"`);
  });
});
