import { describe, it } from "vitest";
import { makePlan, outputOf, recordGroup, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

describe.concurrent("what tasks see, and what they cannot break", () => {
  it("a task runs in the runner's directory (or its workingDir) with empty stdin and its ids in the environment", async ({ expect }) => {
    const box = sandbox(
      makePlan("robust_env", {
        where: 'pwd > where.txt; printf "%s|%s|%s" "$ORCHC_RUN_ID" "$ORCHC_TASK_ID" "$ORCHC_ATTEMPT" > ids.txt; cat > stdin.txt',
        sub: { script: "pwd > where.txt", workingDir: "nested/dir" },
      }),
    );
    box.write("nested/dir/.keep");
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(0);
    expect(box.read("where.txt").trim()).toBe(box.dir);
    expect(box.read("nested/dir/where.txt").trim()).toBe(box.path("nested/dir"));
    expect(box.read("ids.txt")).toBe(`${box.latestRunId()}|where|1`);
    expect(box.read("stdin.txt")).toBe("");
  });

  it("output with NUL bytes, CR LF, a fake end marker and no final newline arrives line by line", async ({ expect }) => {
    const box = sandbox(makePlan("robust_output", { noisy: "printf 'a\\r\\nb\\0c\\n'; printf '\\0\\0\\0 E 0 1\\n'; printf 'last'" }));
    const result = await box.run(["--json"]);
    expect(result.code, outputOf(result)).toBe(0);
    const lines = result.stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { type: string; line?: string })
      .filter((event) => event.type === "output")
      .map((event) => event.line);
    expect(lines).toEqual(["a", "b\0c", "\0\0\0 E 0 1", "last"]);
  });

  // Was a bug (found by this suite, fixed): the runner does not handle EPIPE on its stdout: `node run.mjs | head -3` crashes it
  // ("Unhandled 'error' event … write EPIPE", exit 1) mid-run. The journal never records the end,
  // tasks after the running one never start, and the running task dies of SIGPIPE. Expected: the
  // run goes on (output to a closed pipe dropped) and ends as it would have.
  it("a reader that stops reading (`| head`) does not end the run", async ({ expect }) => {
    const box = sandbox(
      makePlan("robust_epipe", {
        chatty: `${recordGroup("chatty.group")}; for i in $(seq 1 20); do echo "line $i"; sleep 0.03; done; echo done > chatty.done`,
        after: { script: "echo after > after.done", after: "chatty" },
      }),
    );
    const runner = box.start();
    await runner.waitFor(() => box.number("chatty.group"), "the task to start");
    runner.child.stdout!.destroy();
    const result = await runner.done;
    box.stopLeftovers();
    expect(box.exists("chatty.done")).toBe(true);
    expect(box.exists("after.done")).toBe(true);
    expect(box.events().at(-1)).toMatchObject({ type: "run_finished", status: "success" });
    expect(result.code).toBe(0);
  });

  // Was a bug (found by this suite, fixed): when a slot's shell dies under a running task (killed from outside), the task is
  // recorded as failed ("exit code ?") and the run goes on, but the task's process group is never
  // signalled: it runs on, and the runner cannot exit until it does (the orphan holds the dead
  // shell's stdout pipe open). Expected: the orphaned task stopped, the runner done at once.
  it("a task whose slot shell is killed is stopped, and the run does not wait for it", async ({ expect }) => {
    const box = sandbox(
      makePlan("robust_slot", {
        // Kills its own slot shell (its parent), then would go on for 3 s.
        killer: `me=$BASHPID; ${recordGroup("killer.group")}; kill -9 "$(cut -d' ' -f4 /proc/$me/stat)"; sleep 3; echo late > late`,
        other: "echo other > other.done",
      }),
    );
    const result = await box.run(["--parallel", "1"]);
    const late = box.exists("late");
    box.stopLeftovers();
    expect(result.code, outputOf(result)).toBe(2);
    expect(box.record().tasks.get("killer")!.status).toBe("failed");
    expect(box.exists("other.done")).toBe(true);
    expect(late).toBe(false);
    expect(result.wallMs).toBeLessThan(2_500);
  });
});
