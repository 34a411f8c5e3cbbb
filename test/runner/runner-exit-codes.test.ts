import { existsSync } from "node:fs";
import { describe, it } from "vitest";
import { makePlan, outputOf, statuses, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

describe.concurrent("run statuses and exit codes", () => {
  it("all tasks succeed: exit 0, SUCCESS", async ({ expect }) => {
    const box = sandbox(makePlan("exit_ok", { a: "echo a >> order", b: { script: "echo b >> order", after: "a" }, c: { script: "echo c >> order", after: "b" } }));
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(0);
    expect(result.stdout).toMatch(/^SUCCESS in \S+: 3 succeeded\.$/m);
    expect(box.lines("order")).toEqual(["a", "b", "c"]);
    const record = box.record();
    expect(record.status).toBe("success");
    expect(statuses(record)).toEqual({ a: "success", b: "success", c: "success" });
    expect(box.events().at(-1)).toMatchObject({ type: "run_finished", status: "success", exitCode: 0 });
  });

  it("only optional tasks failed or did not run: exit 1, PARTIAL, their dependents still follow their rules", async ({ expect }) => {
    const box = sandbox(
      makePlan("exit_partial", {
        a: "true",
        extra: { script: "exit 4", after: "a", optional: true },
        b: { script: "touch b.done", after: "a" },
        afterExtra: { script: "touch afterExtra.done", after: "extra", optional: true },
        summary: { script: "touch summary.done", after: "extra", runIf: "allDone" },
      }),
    );
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(1);
    expect(result.stdout).toContain("PARTIAL");
    const record = box.record();
    expect(record.status).toBe("partial");
    expect(record.reason).toBe("only optional tasks failed: extra");
    // A failed optional task is still a failure to the tasks after it.
    expect(statuses(record)).toEqual({ a: "success", extra: "failed", b: "success", afterExtra: "upstream_failed", summary: "success" });
    expect(["b.done", "afterExtra.done", "summary.done"].map((file) => box.exists(file))).toEqual([true, false, true]);
    expect(box.events().at(-1)).toMatchObject({ type: "run_finished", status: "partial", exitCode: 1 });
  });

  it("a critical task that could not run because an optional task failed: exit 2, FAILED", async ({ expect }) => {
    const box = sandbox(
      makePlan("exit_optional_upstream", {
        extra: { script: "exit 4", optional: true },
        publish: { script: "touch publish.done", after: "extra" },
      }),
    );
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(2);
    const record = box.record();
    expect(statuses(record)).toEqual({ extra: "failed", publish: "upstream_failed" });
    expect(record.reason).toBe("upstream failed: publish (after optional extra failed)");
    expect(box.exists("publish.done")).toBe(false);
    expect(box.events().at(-1)).toMatchObject({ type: "run_finished", status: "failed", exitCode: 2 });
  });

  it("a critical task failed: exit 2, FAILED, its allSuccess dependents upstream_failed, the independent branch runs", async ({ expect }) => {
    const box = sandbox(
      makePlan("exit_failed", {
        a: "true",
        bad: { script: "echo broken; exit 5", after: "a" },
        downstream: { script: "touch downstream.done", after: "bad" },
        further: { script: "touch further.done", after: "downstream" },
        other: { script: "touch other.done", after: "a" },
        extra: { script: "exit 1", optional: true },
      }),
    );
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(2);
    expect(result.stdout).toContain("FAILED");
    expect(result.stdout).toContain("bad | broken");
    const record = box.record();
    expect(record.status).toBe("failed");
    expect(record.reason).toBe("failed: bad");
    expect(statuses(record)).toEqual({ a: "success", bad: "failed", downstream: "upstream_failed", further: "upstream_failed", other: "success", extra: "failed" });
    expect(record.tasks.get("further")!.reason).toBe("runIf allSuccess not met: downstream upstream failed");
    expect(result.stdout).toMatch(/^FAILED in \S+: 2 succeeded, 1 failed \(bad\), 1 optional failed \(extra\), 2 upstream failed \(downstream, further\)\.$/m);
    expect(record.tasks.get("bad")!.reason).toBe("exit code 5");
    expect(record.tasks.get("downstream")!.attempts).toEqual([]);
    expect(box.exists("downstream.done") || box.exists("further.done")).toBe(false);
    expect(box.exists("other.done")).toBe(true);
    expect(result.stdout).toContain(`resume: node run.mjs --resume ${record.runId}`);
  });

  const paramPlan = makePlan(
    "bad_params",
    { touch: "touch ran" },
    {
      params: {
        name: { type: "string", default: "x" },
        count: { type: "number", default: 1 },
        flag: { type: "boolean", default: false },
        region: { type: "enum", values: ["eu", "us"], default: "eu" },
      },
    },
  );

  it.for([
    { args: ["nope=1"], message: "pipeline `bad_params` has no param `nope`" },
    { args: ["count=many"], message: 'param `count` is a number; got "many"' },
    { args: ["count="], message: 'param `count` is a number; got ""' },
    { args: ["flag=yes"], message: 'param `flag` is a boolean; got "yes"' },
    { args: ["region=asia"], message: 'param `region` must be one of eu, us; got "asia"' },
    { args: ["region=EU"], message: 'param `region` must be one of eu, us; got "EU"' },
    { args: ["novalue"], message: '--param "novalue" is not name=value' },
  ])("an invalid --param ($args) exits 1 before anything runs", async ({ args, message }, { expect }) => {
    const box = sandbox(paramPlan, "bad_params");
    const result = await box.run(args.flatMap((arg) => ["--param", arg]));
    expect(result.code, outputOf(result)).toBe(1);
    expect(result.stderr).toContain(`error: ${message}`);
    expect(result.stderr).not.toContain("internal error");
    expect(result.stdout).toBe("");
    expect(existsSync(box.store)).toBe(false);
    expect(box.exists("ran")).toBe(false);
  });

  it("a param without a default must be given", async ({ expect }) => {
    const box = sandbox(makePlan("required_param", { touch: "touch ran" }, { params: { day: { type: "string", default: null } } }));
    const missing = await box.run();
    expect(missing.code, outputOf(missing)).toBe(1);
    expect(missing.stderr).toContain("param `day` has no default");
    expect(missing.stderr).toContain("--param day=<value>");
    expect(existsSync(box.store)).toBe(false);
    const given = await box.run(["--param", "day=2024-01-01"]);
    expect(given.code, outputOf(given)).toBe(0);
  });

  it("a missing secret: exit 1 before anything runs, naming the variable and no value", async ({ expect }) => {
    const present = "present-secret-value-4f1c";
    const box = sandbox(
      makePlan(
        "missing_secret",
        {
          first: "touch first.ran",
          uses: { script: 'echo "$TEST_TOKEN_A $TEST_TOKEN_B"', after: "first", secrets: ["tokenA", "tokenB"] },
        },
        { secrets: { tokenA: "TEST_TOKEN_A", tokenB: "TEST_TOKEN_B" } },
      ),
    );
    const result = await box.run([], { TEST_TOKEN_A: present, TEST_TOKEN_B: undefined });
    expect(result.code, outputOf(result)).toBe(1);
    expect(result.stderr).toContain("missing secret: `tokenB` (environment variable TEST_TOKEN_B)");
    expect(result.stderr).toContain("set TEST_TOKEN_B in the environment");
    expect(result.stderr + result.stdout).not.toContain(present);
    expect(result.stderr).not.toContain("TEST_TOKEN_A");
    expect(existsSync(box.store)).toBe(false);
    expect(box.exists("first.ran")).toBe(false);
  });

  it("an empty secret counts as set", async ({ expect }) => {
    const box = sandbox(makePlan("empty_secret", { uses: { script: 'printf "[%s]" "$TEST_EMPTY" > seen', secrets: ["empty"] } }, { secrets: { empty: "TEST_EMPTY" } }));
    const result = await box.run([], { TEST_EMPTY: "" });
    expect(result.code, outputOf(result)).toBe(0);
    expect(box.read("seen")).toBe("[]");
  });

  it("bad arguments exit 1: an unknown option, --parallel 0, an unknown task", async ({ expect }) => {
    const box = sandbox(makePlan("bad_args", { a: "touch ran" }));
    for (const [args, message] of [
      [["--frobnicate"], "Unknown option '--frobnicate'"],
      [["--parallel", "0"], "--parallel must be a whole number of at least 1; got \"0\""],
      [["--parallel", "two"], "--parallel must be a whole number of at least 1"],
      [["--only", "b"], "--only: pipeline `bad_args` has no task `b`"],
      [["--from", "zz"], "--from: pipeline `bad_args` has no task `zz`"],
      [["stray"], "unexpected argument `stray`"],
    ] as const) {
      const result = await box.run(args);
      expect(result.code, outputOf(result)).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain("internal error");
    }
    expect(existsSync(box.store)).toBe(false);
    expect(box.exists("ran")).toBe(false);
  });
});
