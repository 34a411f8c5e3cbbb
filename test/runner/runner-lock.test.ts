import { describe, it } from "vitest";
import { makePlan, outputOf, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

/** A task that holds its run open until the file `release` exists. */
const GATE = 'echo "run $ORCHC_RUN_ID" >> order; while [ ! -f release ]; do sleep 0.05; done';

describe.concurrent("maxConcurrentRuns", () => {
  it("a second run while the first runs exits 1 naming the running run's pid; once it ends a new run works", async ({ expect }) => {
    const box = sandbox(makePlan("lock_busy", { gate: GATE }, { maxConcurrentRuns: 1 }));
    const first = box.start();
    await first.waitFor(() => box.lines("order").length === 1, "the first run's task to start");
    const firstRun = box.latestRunId()!;

    const second = await box.run();
    expect(second.code, outputOf(second)).toBe(1);
    expect(second.stderr).toContain("pipeline `lock_busy` allows 1 run(s) at a time (maxConcurrentRuns)");
    expect(second.stderr).toContain(`(pid ${first.pid}) is running`);
    expect(second.stderr).not.toContain("internal error");
    // Refused before anything ran: no second run folder, no second task.
    expect(box.runIds()).toEqual([firstRun]);
    expect(box.lines("order")).toHaveLength(1);
    expect(first.exited).toBe(false);

    box.write("release");
    const firstResult = await first.done;
    expect(firstResult.code, outputOf(firstResult)).toBe(0);
    expect(box.exists(".orchc/runs/lock_busy.lock.0")).toBe(false);

    const third = await box.run();
    expect(third.code, outputOf(third)).toBe(0);
    expect(box.runIds()).toHaveLength(2);
    expect(box.lines("order")).toHaveLength(2);
  });

  // Was a bug (found by this suite, fixed): the lock of a new run is taken before its run id exists, so the lock file holds the
  // placeholder "(starting)" and the refusal reads "… and (starting) (pid 1234) is running".
  it("the refusal names the running run's id", async ({ expect }) => {
    const box = sandbox(makePlan("lock_names", { gate: GATE }, { maxConcurrentRuns: 1 }));
    const first = box.start();
    await first.waitFor(() => box.lines("order").length === 1, "the first run's task to start");
    const firstRun = box.latestRunId()!;
    const second = await box.run();
    box.write("release");
    await first.done;
    expect(second.code, outputOf(second)).toBe(1);
    expect(second.stderr).toContain(`${firstRun} (pid ${first.pid}) is running`);
  });

  it("a lock left by a SIGKILLed runner is taken over", async ({ expect }) => {
    const box = sandbox(makePlan("lock_stale", { gate: GATE }, { maxConcurrentRuns: 1 }));
    const first = box.start();
    await first.waitFor(() => box.lines("order").length === 1, "the first run's task to start");
    first.kill("SIGKILL");
    await first.done;
    // The killed runner could not remove its lock.
    expect(box.exists(".orchc/runs/lock_stale.lock.0")).toBe(true);
    box.write("release");
    const second = await box.run();
    expect(second.code, outputOf(second)).toBe(0);
    expect(box.runIds()).toHaveLength(2);
    expect(box.lines("order")).toHaveLength(2);
    expect(box.exists(".orchc/runs/lock_stale.lock.0")).toBe(false);
  });

  it("maxConcurrentRuns 2: two runs at once, the third is refused", async ({ expect }) => {
    const box = sandbox(makePlan("lock_two", { gate: GATE }, { maxConcurrentRuns: 2 }));
    const first = box.start();
    await first.waitFor(() => box.lines("order").length === 1, "the first run's task to start");
    const second = box.start();
    await second.waitFor(() => box.lines("order").length === 2, "the second run's task to start");
    const third = await box.run();
    expect(third.code, outputOf(third)).toBe(1);
    expect(third.stderr).toContain("allows 2 run(s) at a time");
    expect(third.stderr).toContain(`pid ${first.pid}`);
    expect(third.stderr).toContain(`pid ${second.pid}`);
    box.write("release");
    expect((await first.done).code).toBe(0);
    expect((await second.done).code).toBe(0);
    expect(box.runIds()).toHaveLength(2);
  });

  it("--resume of a run that is still running is refused", async ({ expect }) => {
    const box = sandbox(makePlan("lock_resume", { gate: GATE }));
    const first = box.start();
    await first.waitFor(() => box.lines("order").length === 1, "the task to start");
    const runId = box.latestRunId()!;
    const resumed = await box.run(["--resume", runId]);
    box.write("release");
    expect((await first.done).code).toBe(0);
    expect(resumed.code, outputOf(resumed)).toBe(1);
    expect(resumed.stderr).toContain(`run \`${runId}\` is still running (pid ${first.pid})`);
    expect(box.lines("order")).toHaveLength(1);
  });
});
