import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { eventsOf, groupRemaining, isRunning, makePlan, outputOf, recordGroup, runningInGroup, statuses, stillRunning, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

describe.concurrent("resume", () => {
  it("after the runner is SIGKILLed mid-task, --resume stops the leftover task and finishes the run", async ({ expect }) => {
    const box = sandbox(
      makePlan("resume_killed", {
        a: "echo a >> order",
        // ~2 s; 5 s in the attempt the runner is killed in, so that one cannot end on its own before the resume.
        b: { script: `${recordGroup("b.group")}; echo b-start >> order; sleep $(( ORCHC_ATTEMPT == 1 ? 5 : 2 )); echo b >> order`, after: "a" },
        c: { script: "echo c >> order", after: "b" },
      }),
    );
    const first = box.start();
    const started = await first.waitFor(() => box.findEvent("task_started", (event) => event.task === "b"), "b to start");
    await first.waitFor(() => box.lines("order").includes("b-start"), "b's script to run");
    first.kill("SIGKILL");
    const killed = await first.done;
    expect(killed.signal).toBe("SIGKILL");
    const runId = box.latestRunId()!;
    expect(box.record(runId).status).toBeNull();
    // The killed runner could not stop its task: b still sleeps in its own process group, and the
    // process the journal names for it is alive.
    const bGroup = box.number("b.group")!;
    expect(runningInGroup(bGroup).length).toBeGreaterThan(0);
    expect(isRunning(started.pid)).toBe(true);

    const resumed = await box.run(["--resume"]);
    expect(resumed.code, outputOf(resumed)).toBe(0);
    expect(resumed.stdout).toContain(`orchc run ${runId} (resumed, session 2)`);
    expect(resumed.stdout).toContain(`resuming ${runId}: 1 task(s) already succeeded and are kept`);
    expect(box.runIds()).toEqual([runId]);
    // a ran once; the first b was stopped before it finished (else "b" would be there twice).
    expect(box.lines("order")).toEqual(["a", "b-start", "b-start", "b", "c"]);
    expect(await stillRunning([started.pid])).toEqual([]);
    expect(await groupRemaining(bGroup)).toEqual([]);
    expect(await box.remainingProcesses(runId)).toEqual([]);

    const record = box.record(runId);
    expect(record.status).toBe("success");
    expect(record.sessions).toBe(2);
    expect(statuses(record)).toEqual({ a: "success", b: "success", c: "success" });
    expect(record.tasks.get("a")!.attempts).toHaveLength(1);
    expect(record.tasks.get("b")!.attempts.map((attempt) => [attempt.attempt, attempt.outcome])).toEqual([
      [1, "interrupted"],
      [2, "success"],
    ]);
    const events = box.events(runId);
    expect(eventsOf(events, "run_started").map((event) => event.session)).toEqual([1, 2]);
    expect(eventsOf(events, "run_started")[1]!.tasks).toEqual(["b", "c"]);
    expect(record.tasks.get("b")!.attempts.map((attempt) => attempt.log)).toEqual(["logs/b.1.log", "logs/b.2.log"]);
  });

  it("--resume of a FAILED run reruns only what did not succeed", async ({ expect }) => {
    const box = sandbox(
      makePlan("resume_failed", {
        a: "echo a >> order",
        side: "echo side >> order",
        b: { script: 'echo "b $ORCHC_ATTEMPT" >> order; [ -f fixed ]', after: "a" },
        c: { script: "echo c >> order", after: "b" },
        cleanup: { script: "echo cleanup >> order", after: "c", runIf: "allDone" },
      }),
    );
    const first = await box.run(["--parallel", "1"]);
    expect(first.code, outputOf(first)).toBe(2);
    const runId = box.latestRunId()!;
    expect(statuses(box.record(runId))).toEqual({ a: "success", side: "success", b: "failed", c: "upstream_failed", cleanup: "success" });
    expect(first.stdout).toContain(`resume: node run.mjs --resume ${runId}`);

    box.write("fixed");
    const resumed = await box.run(["--resume", runId]);
    expect(resumed.code, outputOf(resumed)).toBe(0);
    const order = box.lines("order");
    expect(order.filter((line) => line === "a")).toHaveLength(1);
    expect(order.filter((line) => line === "side")).toHaveLength(1);
    expect(order.filter((line) => line.startsWith("b "))).toEqual(["b 1", "b 2"]);
    // c was upstream_failed: it runs in the resumed session.
    expect(order.filter((line) => line === "c")).toHaveLength(1);
    // cleanup succeeded in the first session, so it is kept too.
    expect(order.filter((line) => line === "cleanup")).toHaveLength(1);
    const record = box.record(runId);
    expect(record.status).toBe("success");
    expect(record.sessions).toBe(2);
    expect(statuses(record)).toEqual({ a: "success", side: "success", b: "success", c: "success", cleanup: "success" });
    // Attempt numbers go on across sessions, so no log is overwritten.
    expect(record.tasks.get("b")!.attempts.map((attempt) => attempt.log)).toEqual(["logs/b.1.log", "logs/b.2.log"]);
    expect(eventsOf(box.events(runId), "run_started")[1]!.tasks).toEqual(["b", "c"]);

    // Nothing is left to resume.
    const again = await box.run(["--resume"]);
    expect(again.code, outputOf(again)).toBe(1);
    expect(again.stderr).toContain("has no run to resume");
    const explicit = await box.run(["--resume", runId]);
    expect(explicit.code).toBe(1);
    expect(explicit.stderr).toContain(`run \`${runId}\` succeeded; there is nothing to resume`);
  });

  it("a resumed run keeps its id and the date it started on (run.id, run.date)", async ({ expect }) => {
    const box = sandbox(makePlan("resume_run_values", { a: 'echo "$ORCHC_RUN_ID $ORCHC_RUN_DATE" >> values; [ -f fixed ]' }));
    const first = await box.run([]);
    expect(first.code, outputOf(first)).toBe(2);
    const runId = box.latestRunId()!;
    const today = new Date().toISOString().slice(0, 10);
    expect([`${runId} ${today}`, `${runId} ${new Date(Date.now() - 60_000).toISOString().slice(0, 10)}`]).toContain(box.lines("values")[0]);
    // As if the run had started on 1 March 2026: the resumed attempt must work for that day, not today.
    const journal = join(box.runDir(runId), "journal.jsonl");
    const started = Date.UTC(2026, 2, 1, 23, 59);
    writeFileSync(journal, readFileSync(journal, "utf8").replace(/"type":"run_started","at":\d+/, `"type":"run_started","at":${started}`));
    box.write("fixed");
    const resumed = await box.run(["--resume", runId]);
    expect(resumed.code, outputOf(resumed)).toBe(0);
    expect(box.lines("values")[1]).toBe(`${runId} 2026-03-01`);
  });

  it("a resumed run keeps what succeeded tasks wrote: a task that reads it gets it without its writer running again", async ({ expect }) => {
    const box = sandbox(
      makePlan("resume_outputs", {
        write: { script: 'echo write >> order; printf \'%s\' \'a $HOME b\' > "$ORCHC_OUTPUTS/note"', outputs: [{ name: "note", type: "string" }] },
        read: { script: 'printf \'%s\\n\' "$ORCHC_OUTPUT_write_note" >> order; [ -f fixed ]', after: "write", reads: [{ task: "write", name: "note" }] },
      }),
    );
    const first = await box.run([]);
    expect(first.code, outputOf(first)).toBe(2);
    box.write("fixed");
    const resumed = await box.run(["--resume"]);
    expect(resumed.code, outputOf(resumed)).toBe(0);
    expect(box.lines("order")).toEqual(["write", "a $HOME b", "a $HOME b"]);
  });

  it("--resume refuses --param, --only and --from, and unknown run ids", async ({ expect }) => {
    const box = sandbox(makePlan("resume_refuses", { a: "exit 1" }, { params: { p: { default: "x" } } }));
    expect((await box.run()).code).toBe(2);
    for (const args of [
      ["--param", "p=y"],
      ["--only", "a"],
      ["--from", "a"],
    ]) {
      const result = await box.run(["--resume", ...args]);
      expect(result.code, outputOf(result)).toBe(1);
      expect(result.stderr).toContain("--resume continues a run with its own params and tasks");
    }
    const unknown = await box.run(["--resume", "resume_refuses-20000101T000000Z"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no run `resume_refuses-20000101T000000Z`");
    expect(box.runIds()).toHaveLength(1);
  });

  // Was a bug (found by this suite, fixed): attempt numbers go on across sessions and the retry check compares the attempt number
  // with the retry count (run-session.ts: `retriesLeft = attempt <= task.retry.count`), so a task
  // that used its retries in the first session gets a single attempt when resumed, printed as
  // "start f (attempt 3 of 2)". Expected: a resumed task gets its retries again (as a re-run of a
  // failed job does elsewhere), its attempt numbers still going on.
  it("a resumed task gets its retries again", async ({ expect }) => {
    // Fails on odd tries; from the second session on, succeeds on even ones.
    const box = sandbox(makePlan("resume_retries", { flaky: { script: 'n=$(cat n 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > n; [ -f fixed ] && [ $((n % 2)) -eq 0 ]', retries: 1 } }));
    const first = await box.run();
    expect(first.code, outputOf(first)).toBe(2);
    box.write("fixed");
    const resumed = await box.run(["--resume"]);
    expect(resumed.code, outputOf(resumed)).toBe(0);
    expect(resumed.stdout).not.toContain("attempt 3 of 2");
    expect(
      box
        .record()
        .tasks.get("flaky")!
        .attempts.map((attempt) => attempt.outcome),
    ).toEqual(["failed", "failed", "failed", "success"]);
  });
});
