import { performance } from "node:perf_hooks";
import { describe, it } from "vitest";
import { eventsOf, groupRemaining, makePlan, outputOf, recordGroup, statuses, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

/** A long task (until the file `quick` exists), a task after it, and one waiting out a long retry delay. */
const interruptiblePlan = (id: string) =>
  makePlan(id, {
    long: `${recordGroup("long.group")}; echo "long $ORCHC_ATTEMPT" >> order; if [ -f quick ]; then exit 0; fi; sleep 30`,
    after: { script: "echo after >> order", after: "long" },
    flaky: { script: 'echo "flaky $ORCHC_ATTEMPT" >> order; [ -f quick ]', retries: 1, delay: 30 },
  });

describe.concurrent("signals", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} during a long task: exit 130 quickly, the task's group is gone, the journal says interrupted, --resume finishes`, async ({ expect }) => {
      const box = sandbox(interruptiblePlan(`signal_${signal.toLowerCase()}`));
      const runner = box.start(["--parallel", "2"]);
      await runner.waitFor(() => box.findEvent("retry_scheduled", (event) => event.task === "flaky"), "flaky to wait for its retry");
      const group = await runner.waitFor(() => box.number("long.group"), "long to run");
      const signalledAt = performance.now();
      runner.kill(signal);
      const result = await runner.done;
      const tookMs = performance.now() - signalledAt;
      expect(result.code, outputOf(result)).toBe(130);
      // SIGTERM ends `sleep`; nothing waits for the 5 s grace, nor for flaky's 30 s retry delay.
      expect(tookMs).toBeLessThan(3_000);
      expect(await groupRemaining(group)).toEqual([]);
      expect(await box.remainingProcesses()).toEqual([]);
      expect(result.stdout).toContain("INTERRUPTED");
      expect(result.stdout).toContain(`Stopped by ${signal}.`);

      const runId = box.latestRunId()!;
      const record = box.record(runId);
      expect(record.status).toBe("interrupted");
      expect(record.reason).toBe(`stopped by ${signal}`);
      expect(record.tasks.get("long")!.attempts.map((attempt) => attempt.outcome)).toEqual(["interrupted"]);
      expect(statuses(record)).toEqual({ long: "interrupted", after: "interrupted", flaky: "interrupted" });
      // A task that never started has its record too, saying why.
      expect(record.tasks.get("after")).toMatchObject({ reason: `not started: stopped by ${signal}`, attempts: [] });
      expect(box.events(runId).at(-1)).toMatchObject({ type: "run_finished", status: "interrupted", exitCode: 130 });
      expect(eventsOf(box.events(runId), "task_started", "flaky")).toHaveLength(1);

      box.write("quick");
      const resumed = await box.run(["--resume"]);
      expect(resumed.code, outputOf(resumed)).toBe(0);
      const after = box.record(runId);
      expect(after.status).toBe("success");
      expect(after.sessions).toBe(2);
      expect(statuses(after)).toEqual({ long: "success", after: "success", flaky: "success" });
      expect(box.lines("order").sort()).toEqual(["after", "flaky 1", "flaky 2", "long 1", "long 2"]);
    });
  }

  it("a second SIGINT does not wait for the grace: a task ignoring SIGTERM is killed at once", async ({ expect }) => {
    const box = sandbox(makePlan("signal_twice", { deaf: `trap '' TERM; ${recordGroup("deaf.group")}; sleep 30` }));
    // Default grace: 5 s.
    const runner = box.start();
    const group = await runner.waitFor(() => box.number("deaf.group"), "the task to start");
    runner.kill("SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The first SIGINT asked nicely; the task ignores it.
    expect(runner.exited).toBe(false);
    const secondAt = performance.now();
    runner.kill("SIGINT");
    const result = await runner.done;
    expect(result.code, outputOf(result)).toBe(130);
    expect(performance.now() - secondAt).toBeLessThan(2_500);
    expect(await groupRemaining(group)).toEqual([]);
    const [finished] = eventsOf(box.events(), "attempt_finished", "deaf");
    expect(finished).toMatchObject({ outcome: "interrupted", exitCode: 137 });
  });

  it("the grace applies on a single signal: a task ignoring SIGTERM is SIGKILLed after ORCHC_KILL_GRACE_SECONDS", async ({ expect }) => {
    const box = sandbox(makePlan("signal_grace", { deaf: `trap '' TERM; ${recordGroup("deaf.group")}; sleep 30` }));
    const runner = box.start([], { ORCHC_KILL_GRACE_SECONDS: "1" });
    const group = await runner.waitFor(() => box.number("deaf.group"), "the task to start");
    const signalledAt = performance.now();
    runner.kill("SIGTERM");
    const result = await runner.done;
    const tookMs = performance.now() - signalledAt;
    expect(result.code, outputOf(result)).toBe(130);
    expect(tookMs).toBeGreaterThanOrEqual(1_000);
    expect(tookMs).toBeLessThan(4_000);
    expect(await groupRemaining(group)).toEqual([]);
  });

  // Was a bug (found by this suite, fixed): only SIGINT and SIGTERM are handled. SIGHUP (the terminal or SSH session closing) kills
  // the runner at once; its tasks run on in their own sessions, and the journal never records an end.
  it("SIGHUP (the terminal closing) stops the tasks and records the run as interrupted", async ({ expect }) => {
    const box = sandbox(makePlan("signal_hup", { long: `${recordGroup("long.group")}; sleep 30` }));
    const runner = box.start();
    const group = await runner.waitFor(() => box.number("long.group"), "the task to start");
    runner.kill("SIGHUP");
    const result = await runner.done;
    const left = await groupRemaining(group, 1_000);
    box.stopLeftovers();
    expect(left).toEqual([]);
    expect(box.events().at(-1)).toMatchObject({ type: "run_finished", status: "interrupted" });
    expect([129, 130]).toContain(result.code);
  });
});
