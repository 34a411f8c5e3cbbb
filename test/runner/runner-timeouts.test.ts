import { describe, it } from "vitest";
import { eventsOf, groupRemaining, makePlan, outputOf, recordGroup, stillRunning, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

describe.concurrent("timeouts", () => {
  it("a timed-out task is stopped with everything it started, long before its sleeps end", async ({ expect }) => {
    const box = sandbox(
      makePlan("timeout_tree", {
        slow: { script: `${recordGroup("group")}; sleep 60 & echo $! > child.pid; sleep 60`, timeout: 1 },
        after: { script: "touch after.done", after: "slow" },
      }),
    );
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(2);
    expect(result.wallMs).toBeGreaterThanOrEqual(1_000);
    expect(result.wallMs).toBeLessThan(15_000);
    const events = box.events();
    const [finished] = eventsOf(events, "attempt_finished", "slow");
    expect(finished).toMatchObject({ outcome: "timed_out" });
    expect(finished!.durationMs).toBeGreaterThanOrEqual(1_000);
    // SIGTERM ended it: no grace was needed.
    expect(finished!.durationMs).toBeLessThan(4_000);
    expect(box.record().tasks.get("slow")).toMatchObject({ status: "failed", reason: "timed out after 1s" });
    expect(box.record().tasks.get("after")!.status).toBe("upstream_failed");
    const child = box.number("child.pid")!;
    expect(child).toBeGreaterThan(0);
    expect(await stillRunning([child])).toEqual([]);
    expect(await groupRemaining(box.number("group")!)).toEqual([]);
    expect(await box.remainingProcesses()).toEqual([]);
  });

  it("a task that traps SIGTERM is SIGKILLed after ORCHC_KILL_GRACE_SECONDS", async ({ expect }) => {
    const box = sandbox(
      makePlan("timeout_stubborn", {
        stubborn: { script: `${recordGroup("group")}; trap 'echo got TERM' TERM; sleep 60 & echo $! > child.pid; while true; do sleep 0.1 || true; done`, timeout: 1 },
      }),
    );
    const result = await box.run([], { ORCHC_KILL_GRACE_SECONDS: "1" });
    expect(result.code, outputOf(result)).toBe(2);
    const events = box.events();
    const [finished] = eventsOf(events, "attempt_finished", "stubborn");
    // timeout (1 s) + grace (1 s), then SIGKILL (137); well under the default grace of 5 s. (`|| true`: under
    // `set -e` the killed `sleep` would otherwise end the task on SIGTERM.)
    expect(finished).toMatchObject({ outcome: "timed_out", exitCode: 128 + 9 });
    expect(finished!.durationMs).toBeGreaterThanOrEqual(2_000);
    expect(finished!.durationMs).toBeLessThan(5_000);
    const record = box.record();
    // SIGTERM came first and was caught.
    expect(box.read(`.orchc/runs/${record.runId}/logs/stubborn.1.log`)).toContain("got TERM");
    expect(result.stdout).toContain("got TERM");
    expect(await stillRunning([box.number("child.pid")!])).toEqual([]);
    expect(await groupRemaining(box.number("group")!)).toEqual([]);
    expect(await box.remainingProcesses()).toEqual([]);
  });

  it("a task that ignores SIGTERM is SIGKILLed after the grace", async ({ expect }) => {
    const box = sandbox(makePlan("timeout_deaf", { deaf: { script: `${recordGroup("group")}; trap '' TERM; sleep 60`, timeout: 0.5 } }));
    const result = await box.run([], { ORCHC_KILL_GRACE_SECONDS: "1" });
    expect(result.code, outputOf(result)).toBe(2);
    const events = box.events();
    const [finished] = eventsOf(events, "attempt_finished", "deaf");
    expect(finished).toMatchObject({ outcome: "timed_out", exitCode: 137 });
    expect(finished!.durationMs).toBeGreaterThanOrEqual(1_500);
    expect(finished!.durationMs).toBeLessThan(5_000);
    expect(await groupRemaining(box.number("group")!)).toEqual([]);
    expect(await box.remainingProcesses()).toEqual([]);
  });

  it("retryOnTimeout false: a timed-out task is not retried even with retries left", async ({ expect }) => {
    const box = sandbox(makePlan("timeout_noretry", { slow: { script: "echo x >> tries; sleep 30", timeout: 0.5, retries: 2, retryOnTimeout: false } }));
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(2);
    expect(box.lines("tries")).toEqual(["x"]);
    const events = box.events();
    expect(eventsOf(events, "task_started", "slow")).toHaveLength(1);
    expect(eventsOf(events, "retry_scheduled")).toEqual([]);
    expect(box.record().tasks.get("slow")!.reason).toBe("timed out after 0.5s (retryOnTimeout is off)");
  });

  it("retryOnTimeout true: a timed-out attempt is retried", async ({ expect }) => {
    // The first attempt hangs; the second finds the marker and succeeds.
    const box = sandbox(makePlan("timeout_retry", { slow: { script: "echo x >> tries; if [ -f first ]; then exit 0; fi; touch first; sleep 30", timeout: 0.5, retries: 2, retryOnTimeout: true } }));
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(0);
    expect(box.lines("tries")).toEqual(["x", "x"]);
    const events = box.events();
    expect(eventsOf(events, "attempt_finished", "slow").map((event) => event.outcome)).toEqual(["timed_out", "success"]);
    expect(eventsOf(events, "retry_scheduled", "slow")).toHaveLength(1);
  });

  it("the pipeline's timeout stops the whole run", async ({ expect }) => {
    const box = sandbox(
      makePlan(
        "timeout_pipeline",
        {
          quick: "true",
          slow: { script: `${recordGroup("group")}; sleep 30`, after: "quick" },
          after: { script: "touch after.done", after: "slow", runIf: "allDone" },
        },
        { timeoutSeconds: 1 },
      ),
    );
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(2);
    expect(result.wallMs).toBeLessThan(10_000);
    const record = box.record();
    expect(record.status).toBe("failed");
    expect(record.reason).toBe("the pipeline's timeout of 1s was reached");
    expect(record.tasks.get("slow")!.attempts[0]!.outcome).toBe("timed_out");
    // Nothing starts once the pipeline timed out, not even an allDone task.
    expect(box.exists("after.done")).toBe(false);
    expect(await groupRemaining(box.number("group")!)).toEqual([]);
    expect(await box.remainingProcesses()).toEqual([]);
  });
});
