import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "vitest";
import { eventsOf, jsonLines, makePlan, outputOf, statuses, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

/** a → b → c, a → d, and e on its own; each task notes that it ran. */
const diamondPlan = (id: string) =>
  makePlan(id, {
    a: "echo a >> ran",
    b: { script: "echo b >> ran", after: "a" },
    c: { script: "echo c >> ran", after: "b" },
    d: { script: "echo d >> ran", after: "a" },
    e: "echo e >> ran",
  });

describe.concurrent("selecting tasks", () => {
  it("--only runs just those tasks; the tasks left out count as succeeded", async ({ expect }) => {
    const box = sandbox(diamondPlan("select_only"));
    const result = await box.run(["--only", "b,d"]);
    expect(result.code, outputOf(result)).toBe(0);
    expect(box.lines("ran").sort()).toEqual(["b", "d"]);
    expect(eventsOf(box.events(), "run_started")[0]!.tasks).toEqual(["b", "d"]);
    expect(statuses(box.record())).toEqual({ b: "success", d: "success" });
    expect(result.stdout).toContain("2 of 5 tasks");
  });

  it("--only is repeatable", async ({ expect }) => {
    const box = sandbox(diamondPlan("select_only_repeat"));
    const result = await box.run(["--only", "c", "--only", "e"]);
    expect(result.code, outputOf(result)).toBe(0);
    expect(box.lines("ran").sort()).toEqual(["c", "e"]);
  });

  it("--from runs the task and everything downstream of it", async ({ expect }) => {
    const box = sandbox(diamondPlan("select_from"));
    const result = await box.run(["--from", "b"]);
    expect(result.code, outputOf(result)).toBe(0);
    expect(box.lines("ran")).toEqual(["b", "c"]);
    const all = await box.run(["--from", "a"]);
    expect(all.code, outputOf(all)).toBe(0);
    expect(box.lines("ran").slice(2).sort()).toEqual(["a", "b", "c", "d"]);
  });

  it("--from and --only cannot be combined", async ({ expect }) => {
    const box = sandbox(diamondPlan("select_both"));
    const result = await box.run(["--from", "b", "--only", "c"]);
    expect(result.code, outputOf(result)).toBe(1);
    expect(result.stderr).toContain("--from and --only cannot be combined");
    expect(existsSync(box.store)).toBe(false);
  });

  it("--dry-run prints the waves and runs nothing, creating no run folder", async ({ expect }) => {
    const box = sandbox(
      makePlan(
        "select_dry",
        { a: "echo a >> ran", b: { script: "echo b >> ran", after: "a" }, c: { script: "echo c >> ran", after: ["a", "b"] }, d: "echo d >> ran" },
        { params: { day: { default: "mon" } } },
      ),
    );
    const result = await box.run(["--dry-run", "--parallel", "3"]);
    expect(result.code, outputOf(result)).toBe(0);
    expect(result.stdout).toBe('select_dry: 4 task(s) in 3 wave(s), parallel 3\n  params: day="mon"\n  wave 1: a, d\n  wave 2: b\n  wave 3: c\n');
    const from = await box.run(["--dry-run", "--from", "b", "--param", "day=tue", "--parallel", "2"]);
    expect(from.stdout).toBe('select_dry: 2 task(s) in 2 wave(s), parallel 2\n  params: day="tue"\n  wave 1: b\n  wave 2: c\n');
    const json = await box.run(["--dry-run", "--json", "--only", "c,d"]);
    expect(jsonLines(json.stdout)).toEqual([{ type: "dry_run", pipeline: "select_dry", parallel: expect.any(Number), params: { day: "mon" }, waves: [["c", "d"]], inert: [] }]);
    expect(existsSync(box.store)).toBe(false);
    expect(box.exists("ran")).toBe(false);
  });

  it("--dry-run still checks params", async ({ expect }) => {
    const box = sandbox(makePlan("select_dry_bad", { a: "true" }, { params: { n: { type: "number", default: 1 } } }));
    const result = await box.run(["--dry-run", "--param", "n=x"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("param `n` is a number");
  });

  it("--json prints one parseable JSON object per line: the plan, every journal record and the output", async ({ expect }) => {
    const box = sandbox(
      makePlan("select_json", {
        hello: 'echo "hello {\\"not\\": json}"; echo second line',
        flaky: { script: '[ "$ORCHC_ATTEMPT" -ge 2 ]', retries: 1, after: "hello" },
        skipped: { script: "true", after: "hello", runIf: "allFailed" },
      }),
    );
    const result = await box.run(["--json"]);
    expect(result.code, outputOf(result)).toBe(0);
    const lines = jsonLines(result.stdout);
    const types = new Set(lines.map((line) => line.type));
    for (const type of ["plan", "run_started", "task_started", "attempt_finished", "retry_scheduled", "task_finished", "run_finished", "output"]) expect(types, type).toContain(type);
    const runId = box.latestRunId()!;
    expect(lines[0]).toMatchObject({ type: "plan", runId, pipeline: "select_json", session: 1, tasks: ["hello", "flaky", "skipped"] });
    expect(lines.at(-1)).toMatchObject({ type: "run_finished", status: "success", exitCode: 0 });
    expect(lines.filter((line) => line.type === "output")).toEqual([
      { type: "output", task: "hello", attempt: 1, line: 'hello {"not": json}' },
      { type: "output", task: "hello", attempt: 1, line: "second line" },
    ]);
    // Without the plan and output lines, it is the journal, record for record.
    expect(lines.filter((line) => line.type !== "plan" && line.type !== "output")).toEqual(box.events(runId));
    expect(result.stderr).toBe("");
  });

  it("--report writes an HTML report of the run", async ({ expect }) => {
    const box = sandbox(makePlan("select_report", { a: "echo a", b: { script: "exit 1", after: "a", optional: true } }));
    const result = await box.run(["--report", "report.html"]);
    expect(result.code, outputOf(result)).toBe(1);
    const html = readFileSync(box.path("report.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(box.latestRunId()!);
  });

  // Was a bug (found by this suite, fixed): a --report path in a folder that does not exist is only written after the run, where
  // writeFileSync throws ENOENT: the runner prints "internal error in the orchc runner (please
  // report it)" with a stack trace and exits 2, though the run itself was PARTIAL (exit 1). Expected:
  // the folder created (or the path refused before anything runs), and the run's own exit code.
  it("--report into a folder that does not exist yet", async ({ expect }) => {
    const box = sandbox(makePlan("select_report_dir", { a: "echo a", b: { script: "exit 1", after: "a", optional: true } }));
    const result = await box.run(["--report", "reports/today/report.html"]);
    expect(result.stderr).not.toContain("internal error");
    expect(result.code, outputOf(result)).toBe(1);
    expect(readFileSync(box.path("reports/today/report.html"), "utf8")).toContain(box.latestRunId()!);
  });
});
