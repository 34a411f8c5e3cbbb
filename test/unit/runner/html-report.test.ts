import { describe, expect, it } from "vitest";
import { escapeHtml, truncate } from "../../../packages/runner/src/report/html-escape.js";
import { renderHtmlReport } from "../../../packages/runner/src/report/html-report.js";
import { humanDuration, formatTick, timeTicks } from "../../../packages/runner/src/report/time-axis.js";
import type { RunEvent } from "../../../packages/runner/src/store/run-events.js";
import {
  failedRun,
  HOSTILE_NAME,
  HOSTILE_PARAM,
  HOSTILE_REASON,
  interruptedRun,
  manyTasksRun,
  OPTIONAL,
  partialRun,
  recordOf,
  resumedRun,
  RUNNING_NOW,
  runningRun,
  T0,
  TASKS,
  upstreamFailedRun,
} from "./run-event-fixtures.js";

type Attributes = Record<string, string>;

const unescape = (text: string) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");

function attributesOf(tag: string): Attributes {
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((match) => [match[1], unescape(match[2] as string)]));
}

/** Every opening tag whose class attribute starts with `className`, as attribute maps. */
function elements(html: string, name: string, className: string): Attributes[] {
  return [...html.matchAll(new RegExp(`<${name} class="${className}[ "][^>]*>`, "g"))].map((match) => attributesOf(match[0]));
}

const render = (events: ReadonlyArray<RunEvent>, generatedAt = T0 + 600_000, taskOrder: ReadonlyArray<string> = TASKS) =>
  renderHtmlReport(recordOf(events), { taskOrder, optional: OPTIONAL, generatedAt });

const bars = (html: string) => elements(html, "rect", "bar");
const barsOf = (html: string, task: string) => bars(html).filter((bar) => bar["data-task"] === task);
const num = (value: string | undefined) => Number(value);

describe("renderHtmlReport: the timeline", () => {
  const html = render(failedRun());

  it("draws one bar per attempt, coloured by its outcome", () => {
    const outcomes = (task: string) => barsOf(html, task).map((bar) => [bar["data-attempt"], bar["data-outcome"]]);
    expect(bars(html)).toHaveLength(6);
    expect(outcomes("extract")).toEqual([["1", "success"]]);
    expect(outcomes("transform")).toEqual([["1", "failed"], ["2", "failed"], ["3", "success"]]);
    expect(outcomes("load_warehouse")).toEqual([["1", "timed_out"]]);
    expect(outcomes("notify_slack")).toEqual([["1", "failed"]]);
    expect(outcomes("publish_report")).toEqual([]);
    const fills = new Set(bars(html).map((bar) => `${bar["data-outcome"]} ${bar.fill}`));
    expect(fills.size).toBe(3);
  });

  it("places bars in proportion to their times, so retry waits show as gaps", () => {
    const [plot] = elements(html, "rect", "plot-area");
    const left = num(plot?.x);
    const width = num(plot?.width);
    const span = num(/data-span-ms="(\d+)"/.exec(html)?.[1]);
    expect(span).toBe(120_500);
    const xAt = (seconds: number) => left + ((seconds * 1000) / span) * width;
    const transform = barsOf(html, "transform");
    const expected = [[12.5, 20.5], [25.5, 31.5], [41.5, 60]] as const;
    expected.forEach(([from, to], index) => {
      const bar = transform[index] as Attributes;
      expect(num(bar.x)).toBeCloseTo(xAt(from), 1);
      expect(num(bar.width)).toBeCloseTo(xAt(to) - xAt(from), 1);
    });
    const [first, second, third] = transform.map((bar) => ({ start: num(bar.x), end: num(bar.x) + num(bar.width) }));
    expect((second?.start ?? 0) - (first?.end ?? 0)).toBeCloseTo(xAt(5) - xAt(0), 1);
    expect((third?.start ?? 0) - (second?.end ?? 0)).toBeCloseTo(xAt(10) - xAt(0), 1);
    const gaps = elements(html, "line", "gap").map((gap) => [gap["data-task"], gap["data-before-attempt"]]);
    expect(gaps).toEqual([["transform", "2"], ["transform", "3"]]);
    const [timedOut] = barsOf(html, "load_warehouse");
    expect(num(timedOut?.x) + num(timedOut?.width)).toBeCloseTo(xAt(120.2), 1);
    expect(num(timedOut?.x) + num(timedOut?.width)).toBeLessThanOrEqual(left + width);
  });

  it("gives every task a row in plan order, labels rows without attempts, and marks optional tasks", () => {
    const rows = elements(html, "g", "row").map((row) => [row["data-task"], row["data-status"], row["data-optional"]]);
    expect(rows).toEqual([
      ["extract", "success", "false"],
      ["transform", "success", "false"],
      ["load_warehouse", "failed", "false"],
      ["publish_report", "skipped", "false"],
      ["notify_slack", "failed", "true"],
    ]);
    expect(html).toMatch(/<text class="no-attempt" data-task="publish_report"[^>]*>skipped · upstream load_warehouse failed<\/text>/);
    expect(html.match(/<g class="optional-tag">/g)).toHaveLength(1);
  });

  it("gives each bar a tooltip with attempt, outcome, exit code and duration", () => {
    const tooltip = /<rect class="bar[^>]*data-task="load_warehouse"[^>]*><title>([^<]*)<\/title>/.exec(html)?.[1];
    expect(tooltip?.split("\n")).toEqual(["load_warehouse — attempt 1 of 1", "outcome: timed out", "exit code: 124", "duration: 1m 00s", "started at +1m"]);
  });

  it("has a time axis with round ticks over the whole run", () => {
    const labels = [...html.matchAll(/<text class="tick-label"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    expect(labels).toEqual(["0", "15s", "30s", "45s", "1m", "1m 15s", "1m 30s", "1m 45s", "2m"]);
    expect(html).toContain(`<h2>Timeline</h2><ul class="legend">`);
    for (const word of ["success", "failed", "timed out", "interrupted", "running", "retry wait", "optional"]) expect(html).toMatch(new RegExp(`</span>${word}</li>|>${word}</span>`));
  });

  it("ends an open attempt at generatedAt while the run goes on", () => {
    const running = render(runningRun(), RUNNING_NOW);
    const [first, second] = barsOf(running, "transform");
    expect(first?.["data-outcome"]).toBe("failed");
    expect(second).toMatchObject({ "data-outcome": "running", "data-start-ms": "15000", "data-end-ms": "30000" });
    expect(elements(running, "g", "row").map((row) => row["data-status"])).toEqual(["success", "running", "pending", "pending", "pending"]);
    expect(running).toContain("30.0 s so far");
  });

  it("shows an attempt a killed session left open as interrupted, ending where the resumed attempt starts", () => {
    const resumed = render(resumedRun());
    const [killed, rerun] = barsOf(resumed, "transform");
    expect(killed).toMatchObject({ "data-outcome": "interrupted", "data-start-ms": "5100", "data-end-ms": "60100" });
    expect(rerun).toMatchObject({ "data-outcome": "success", "data-start-ms": "60100", "data-end-ms": "70000" });
    expect(resumed).toContain("<dt>Sessions</dt><dd>2 (1 resume)</dd>");
  });

  it("keeps rows a fixed height, so 1 task and 300 tasks both stay readable", () => {
    const page = (count: number) => {
      const { events, tasks } = manyTasksRun(count);
      return { tasks, html: renderHtmlReport(recordOf(events), { taskOrder: tasks, optional: new Set(), generatedAt: T0 }) };
    };
    const one = page(1).html;
    const { html: many, tasks } = page(300);
    const height = (html: string) => num(/<svg class="gantt" viewBox="0 0 \d+ (\d+)"/.exec(html)?.[1]);
    expect(elements(one, "g", "row").map((row) => row["data-task"])).toEqual(["shard_001"]);
    expect(elements(many, "g", "row")).toHaveLength(300);
    expect(height(many) / 300).toBe(height(one));
    expect(bars(many)).toHaveLength(300 + tasks.filter((_, index) => index % 13 === 5).length);
    expect(bars(many).every((bar) => num(bar.width) > 0)).toBe(true);
  });
});

describe("renderHtmlReport: header and table", () => {
  it.each([
    { status: "success", events: resumedRun(), text: "SUCCESS" },
    { status: "partial", events: partialRun(), text: "PARTIAL" },
    { status: "failed", events: failedRun(), text: "FAILED" },
    { status: "interrupted", events: interruptedRun(), text: "INTERRUPTED" },
    { status: "running", events: runningRun(), text: "RUNNING" },
  ])("shows a $status run with the badge $text", ({ status, events, text }) => {
    const html = render(events, RUNNING_NOW);
    expect(html).toContain(`<span class="badge badge-${status}" id="run-status" data-status="${status}">${text}</span>`);
    expect(html.match(/class="badge /g)).toHaveLength(1);
  });

  it("lists run id, start, duration, sessions, environment and params", () => {
    const html = render(failedRun());
    expect(html).toContain(`<time datetime="2024-05-01T12:00:00Z">2024-05-01T12:00:00Z</time>`);
    expect(html).toContain("<dt>Duration</dt><dd>2m 01s</dd>");
    expect(html).toContain("<dt>Sessions</dt><dd>1</dd>");
    expect(html).toContain("<dt>Environment</dt><dd><code>prod</code></dd>");
    expect(html).toContain(`<span class="param-name">limit</span> = <span class="param-value">100</span>`);
    expect(html).toContain(`<span class="param-name">dry_run</span> = <span class="param-value">false</span>`);
    expect(html).toContain(`<p class="run-reason reason-failed">1 task failed: load_warehouse</p>`);
  });

  it("has one table row per task with status, attempts, summed duration, reason and log", () => {
    const html = render(failedRun());
    const rows = [...html.matchAll(/<tr class="task-row" data-task="([^"]*)" data-status="([^"]*)">(.*?)<\/tr>/g)];
    expect(rows.map((row) => [row[1], row[2]])).toEqual(TASKS.map((task) => [task, task === "extract" || task === "transform" ? "success" : task === "publish_report" ? "skipped" : "failed"]));
    const cells = (task: string) =>
      [...(rows.find((row) => row[1] === task)?.[3] ?? "").matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => unescape((cell[1] as string).replace(/<[^>]*>/g, "")));
    expect(cells("transform")).toEqual(["transform", "success", "3", "32.5 s", "—", `.orchc/runs/20240501T120000Z-3f9a/logs/transform.3.log`]);
    expect(cells("publish_report")).toEqual(["publish_report", "skipped", "0", "—", "upstream load_warehouse failed", "—"]);
    expect(cells("notify_slack")).toEqual(["notify_slackoptional", "failed", "1", "1.5 s", HOSTILE_REASON, `.orchc/runs/20240501T120000Z-3f9a/logs/notify_slack.1.log`]);
  });

  it("gives a task of the plan that never appears in the journal a row saying so", () => {
    const html = render(interruptedRun());
    expect(elements(html, "g", "row").map((row) => [row["data-task"], row["data-status"]])).toEqual([
      ["extract", "success"],
      ["transform", "interrupted"],
      ["load_warehouse", "not-run"],
      ["publish_report", "not-run"],
      ["notify_slack", "not-run"],
    ]);
    expect(html).toMatch(/<text class="no-attempt" data-task="load_warehouse"[^>]*>not run<\/text>/);
  });

  it("shows a task that did not run because its upstream failed as upstream failed, with its reason", () => {
    const html = render(upstreamFailedRun());
    expect(elements(html, "g", "row").map((row) => [row["data-task"], row["data-status"]])).toEqual([
      ["extract", "failed"],
      ["transform", "upstream_failed"],
      ["load_warehouse", "upstream_failed"],
      ["publish_report", "success"],
      ["notify_slack", "success"],
    ]);
    expect(html).toMatch(/<text class="no-attempt" data-task="load_warehouse"[^>]*>upstream failed · runIf allSuccess not met: transform upstream failed<\/text>/);
    expect(html).toContain(`<span class="pill pill-upstream_failed">upstream failed</span>`);
    expect(html).toContain(`<span class="dot dot-upstream_failed"></span>2 upstream failed</span>`);
    // Drawn as a task that did not run, in the colour of a failure.
    expect(html).toMatch(/circle\.dot-upstream_failed \{ fill: var\(--card\); stroke: var\(--failed\); \}/);
  });

  it("renders the same record to the same bytes", () => {
    expect(render(failedRun())).toBe(render(failedRun()));
  });
});

describe("renderHtmlReport: safety", () => {
  const hostileTask = `we"ird<task>&'co'`;
  const events = failedRun().map((event): RunEvent => ("task" in event && event.task === "extract" ? { ...event, task: hostileTask } : event));
  const html = render(events, T0, [hostileTask, ...TASKS.slice(1)]);
  const ALLOWED_TAGS = new Set(
    "html head meta title style body main header section footer div h1 h2 p span code time dl dt dd ul li table thead tbody tr th td wbr svg g rect line circle text".split(" "),
  );

  it("escapes every string from the journal", () => {
    expect(html).not.toContain(HOSTILE_NAME);
    expect(html).toContain(`<h1>${escapeHtml(HOSTILE_NAME)}</h1>`);
    expect(html).toContain(escapeHtml(HOSTILE_PARAM));
    expect(html).toContain(escapeHtml(HOSTILE_REASON));
    expect(html).toContain("ünïcödé ✓ 🚀");
    expect(html).not.toMatch(/<script|<\/style><|<b>|<!--/i);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(barsOf(html, hostileTask)).toHaveLength(1);
    expect(elements(html, "g", "row")[0]?.["data-task"]).toBe(hostileTask);
  });

  it("shows a state word it does not know (an edited journal) as data, never as markup", () => {
    const hostile = `"><script>alert(1)</script>`;
    const edited = failedRun().map((event): RunEvent => {
      if (event.type === "task_finished" && event.task === "publish_report") return { ...event, status: hostile as never };
      if (event.type === "attempt_finished" && event.task === "extract") return { ...event, outcome: hostile as never };
      if (event.type === "run_finished") return { ...event, status: hostile as never };
      return event;
    });
    const page = render(edited);
    expect(page).not.toContain(hostile);
    expect(page).not.toMatch(/<script/i);
    const tags = [...page.slice("<!doctype html>".length).matchAll(/<\/?([^\s>/]*)/g)].map((match) => match[1]);
    expect(tags.filter((tag) => !ALLOWED_TAGS.has(tag as string))).toEqual([]);
    // What the runner cannot vouch for is shown as not finished: the row as unfinished, the attempt as interrupted, the run as running.
    expect(elements(page, "g", "row").find((row) => row["data-task"] === "publish_report")?.["data-status"]).toBe("unfinished");
    expect(barsOf(page, "extract").map((bar) => bar["data-outcome"])).toEqual(["interrupted"]);
    expect(page).toContain(`data-status="running">RUNNING</span>`);
  });

  it("contains only its own markup: every '<' opens an allowed tag", () => {
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    const tags = [...html.slice("<!doctype html>".length).matchAll(/<\/?([^\s>/]*)/g)].map((match) => match[1]);
    expect(tags.filter((tag) => !ALLOWED_TAGS.has(tag as string))).toEqual([]);
  });

  it("references nothing outside itself and runs no script", () => {
    for (const page of [html, render(runningRun(), RUNNING_NOW), render(resumedRun())]) {
      expect(page).not.toMatch(/https?:/i);
      expect(page).not.toMatch(/\b(src|href|xlink:href|action|srcset)\s*=/i);
      expect(page).not.toMatch(/url\(|@import|<script|<link|<iframe|<object|<embed|<img/i);
      expect(page).not.toMatch(/\son[a-z]+\s*=/i);
    }
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });
});

describe("report helpers", () => {
  it("escapes for text and attributes alike", () => {
    expect(escapeHtml(`<a href="x">'&'</a>\u0000`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\uFFFD");
    expect(truncate("🚀🚀🚀🚀", 3)).toBe("🚀🚀…");
    expect(truncate("short", 10)).toBe("short");
  });

  it("picks tick steps from the span", () => {
    const labels = (spanMs: number) => timeTicks(spanMs, 9).ticks.map((tick) => tick.label);
    expect(labels(800)).toEqual(["0", "100ms", "200ms", "300ms", "400ms", "500ms", "600ms", "700ms", "800ms"]);
    expect(labels(4_000)).toEqual(["0", "500ms", "1s", "1.5s", "2s", "2.5s", "3s", "3.5s", "4s"]);
    expect(labels(25 * 60_000)).toEqual(["0", "5m", "10m", "15m", "20m", "25m"]);
    expect(labels(7 * 3_600_000)).toEqual(["0", "1h", "2h", "3h", "4h", "5h", "6h", "7h"]);
    expect(labels(40 * 3_600_000)).toEqual(["0", "6h", "12h", "18h", "1d", "1d 6h", "1d 12h"]);
    expect(timeTicks(400 * 86_400_000, 9).ticks.length).toBeLessThanOrEqual(10);
  });

  it("formats durations for people", () => {
    expect([0, 420, 12_345, 59_960, 245_000, 3_725_000, 183_600_000].map(humanDuration)).toEqual(["0 ms", "420 ms", "12.3 s", "1m 00s", "4m 05s", "1h 02m", "2d 03h"]);
    expect(formatTick(90_000)).toBe("1m 30s");
  });
});
