// Timeouts longer than setTimeout's 2^31-1 ms (about 24.8 days): Node fires such a timer after 1 ms.
// A task and a pipeline with a 25-day timeout must run to their end; the chunked timer is checked
// with fake time.
import { afterEach, describe, it, vi } from "vitest";
import { MAX_TIMER_MS, startTimer } from "../../packages/runner/src/engine/long-timer.js";
import { makePlan, outputOf, statuses, useSandboxes } from "../runner/runner-harness.js";

const sandbox = useSandboxes();
const DAYS_25 = 25 * 24 * 3600;

describe("local runner long timers", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a task timeout and a pipeline timeout of 25 days let a 0.5 s task finish", async ({ expect }) => {
    const box = sandbox(makePlan("long_timers", { slow: { script: "sleep 0.5; echo done > done.txt", timeout: DAYS_25 } }, { timeoutSeconds: DAYS_25 }));
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(0);
    expect(statuses(box.record())).toEqual({ slow: "success" });
    expect(box.read("done.txt")).toBe("done\n");
  });

  it("startTimer waits the whole delay past 2^31-1 ms, and cancel stops it", ({ expect }) => {
    vi.useFakeTimers();
    const fired: string[] = [];
    const delay = DAYS_25 * 1000;
    startTimer(delay, () => fired.push("long"));
    const cancelled = startTimer(delay, () => fired.push("cancelled"));
    vi.advanceTimersByTime(MAX_TIMER_MS);
    cancelled.cancel();
    vi.advanceTimersByTime(delay - MAX_TIMER_MS - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(["long"]);
  });
});
