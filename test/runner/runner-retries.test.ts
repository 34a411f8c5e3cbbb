import { describe, it } from "vitest";
import { eventsOf, makePlan, outputOf, retryGaps, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

/**
 * Node may fire a timer a few ms before `delay` has passed by Date.now(): libuv measures from its
 * cached loop time, which can lag behind the moment the runner recorded the failed attempt.
 */
const TIMER_SLACK_MS = 20;

/** Counts its attempts in a file; fails until attempt `succeedAt`. */
const flaky = (succeedAt: number) => `n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > count; echo "attempt $ORCHC_ATTEMPT try $n"; [ "$n" -ge ${succeedAt} ]`;

describe.concurrent("retries", () => {
  it("a task failing twice then succeeding is attempted 3 times, at least the delay apart", async ({ expect }) => {
    const box = sandbox(makePlan("retry_fixed", { flaky: { script: flaky(3), retries: 2, delay: 0.3 }, after: { script: "touch after.done", after: "flaky" } }));
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(0);
    expect(box.read("count").trim()).toBe("3");
    const events = box.events();
    expect(eventsOf(events, "attempt_finished", "flaky").map((event) => [event.attempt, event.outcome, event.exitCode])).toEqual([
      [1, "failed", 1],
      [2, "failed", 1],
      [3, "success", 0],
    ]);
    expect(eventsOf(events, "retry_scheduled", "flaky").map((event) => [event.attempt, event.delaySeconds])).toEqual([
      [2, 0.3],
      [3, 0.3],
    ]);
    const gaps = retryGaps(events, "flaky");
    expect(gaps).toHaveLength(2);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
      expect(gap).toBeLessThan(2_000);
    }
    const record = box.record();
    expect(record.status).toBe("success");
    expect(record.tasks.get("flaky")!.status).toBe("success");
    expect(box.exists("after.done")).toBe(true);
    // Each attempt has its own log, holding that attempt's output.
    for (const attempt of [1, 2, 3]) expect(box.read(`.orchc/runs/${record.runId}/logs/flaky.${attempt}.log`)).toBe(`attempt ${attempt} try ${attempt}\n`);
  });

  it("exponential backoff doubles the delay and stops at maxDelay", async ({ expect }) => {
    // 0.2 s, then 0.4 s capped at 0.3 s, then 0.8 s capped at 0.3 s.
    const box = sandbox(makePlan("retry_backoff", { flaky: { script: flaky(4), retries: 3, delay: 0.2, backoff: "exponential", maxDelay: 0.3 } }));
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(0);
    const events = box.events();
    expect(eventsOf(events, "retry_scheduled", "flaky").map((event) => event.delaySeconds)).toEqual([0.2, 0.3, 0.3]);
    const [first, second, third] = retryGaps(events, "flaky");
    expect(first).toBeGreaterThanOrEqual(200 - TIMER_SLACK_MS);
    // Doubled: the second wait is longer than the first delay…
    expect(second).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
    expect(third).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
    // …and capped: uncapped, the third would wait 0.8 s.
    expect(third).toBeLessThan(750);
    expect(eventsOf(events, "task_started", "flaky")).toHaveLength(4);
  });

  it("retries exhausted: the task fails, its dependents are upstream_failed, exit 2", async ({ expect }) => {
    const box = sandbox(
      makePlan("retry_exhausted", {
        broken: { script: 'echo "try $ORCHC_ATTEMPT" >> tries; exit 3', retries: 2, delay: 0.1 },
        after: { script: "touch after.done", after: "broken" },
      }),
    );
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(2);
    expect(box.lines("tries")).toEqual(["try 1", "try 2", "try 3"]);
    const events = box.events();
    expect(eventsOf(events, "attempt_finished", "broken").map((event) => [event.outcome, event.exitCode])).toEqual([
      ["failed", 3],
      ["failed", 3],
      ["failed", 3],
    ]);
    for (const gap of retryGaps(events, "broken")) expect(gap).toBeGreaterThanOrEqual(100 - TIMER_SLACK_MS);
    const record = box.record();
    expect(record.status).toBe("failed");
    expect(record.tasks.get("broken")).toMatchObject({ status: "failed", reason: "exit code 3" });
    expect(record.tasks.get("after")).toMatchObject({ status: "upstream_failed", attempts: [] });
    expect(box.exists("after.done")).toBe(false);
    expect(result.stdout).toContain("FAILED");
  });
});
