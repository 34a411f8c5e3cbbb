// For-each tasks on the local runner (docs/semantics.md, "For-each tasks"): the list is read when
// the task becomes ready, iterations run at most `concurrency` at once within the run's slots, each
// retries on its own and none stops another, the task ends once all ended, and a resume runs only
// the iterations that did not succeed. Simultaneity is measured by the iterations themselves
// (marker files each one counts while it runs), never by hoping a sleep is long enough.
import { describe, it } from "vitest";
import type { PlanForEach } from "../../packages/runner/src/plan.js";
import { eventsOf, jsonLines, makePlan, outputOf, statuses, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

const over = (values: ReadonlyArray<string>, concurrency = 1): PlanForEach => ({ items: { values }, concurrency });
const overParam = (param: string, concurrency = 1): PlanForEach => ({ items: { param }, concurrency });

/**
 * An iteration that leaves a marker while it runs and writes how many markers it saw right after
 * its own appeared. It waits (at most 5 s) until `meet` markers exist, so the first iterations
 * surely overlap, then removes its marker: a count above the concurrency is a runner bug, never
 * luck. Markers are named by mktemp: items are not file names.
 */
const counting = (meet: number) =>
  `mkdir -p running seen; m=$(mktemp running/XXXXXX); ls running | wc -l > "$(mktemp seen/XXXXXX)"
for _ in $(seq 100); do [ "$(ls running | wc -l)" -ge ${meet} ] && break; sleep 0.05; done
sleep 0.1; rm -f "$m"`;

const mostSeen = (lines: ReadonlyArray<string>) => Math.max(...lines.map(Number));

describe("for-each tasks on the local runner", () => {
  it("runs at most `concurrency` iterations at once, and uses that many when slots allow", async ({ expect }) => {
    const box = sandbox(makePlan("fan_concurrency", { fan: { script: counting(2), forEach: over(["a", "b", "c", "d", "e", "f"], 2) } }));
    const result = await box.run(["--parallel", "4"]);
    expect(result.code, outputOf(result)).toBe(0);
    const seen = box.exists("seen") ? (await import("node:fs")).readdirSync(box.path("seen")).map((file) => box.read(`seen/${file}`).trim()) : [];
    expect(seen).toHaveLength(6);
    expect(mostSeen(seen)).toBe(2);
    expect(eventsOf(box.events(), "task_started", "fan").map((event) => event.item).sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("shares the run's --parallel slots: one slot runs one iteration at a time whatever the concurrency", async ({ expect }) => {
    const box = sandbox(makePlan("fan_one_slot", { fan: { script: counting(1), forEach: over(["a", "b", "c"], 3) } }));
    const result = await box.run(["--parallel", "1"]);
    expect(result.code, outputOf(result)).toBe(0);
    const seen = (await import("node:fs")).readdirSync(box.path("seen")).map((file) => box.read(`seen/${file}`).trim());
    expect(seen).toEqual(["1", "1", "1"]);
  });

  it("gives each iteration its item byte for byte in ORCHC_ITEM and in item references, with its own log", async ({ expect }) => {
    const hostile = "it's $HOME ${x} `q` \\ \"quoted\"\nline two\n";
    const box = sandbox(
      makePlan("fan_items", {
        fan: {
          script: `mkdir -p items; f=$(mktemp items/XXXXXX); printf '%s' "$ORCHC_ITEM" > "$f"; [ "$ORCHC_ITEM" = "$AGAIN" ]; echo "saw $ORCHC_ITEM"`,
          env: { AGAIN: [{ item: true }] },
          forEach: over(["plain", hostile, "", "émoji ✓"], 2),
        },
      }),
    );
    const result = await box.run(["--parallel", "2"]);
    expect(result.code, outputOf(result)).toBe(0);
    const fs = await import("node:fs");
    expect(fs.readdirSync(box.path("items")).map((file) => box.read(`items/${file}`)).sort()).toEqual(["", "plain", hostile, "émoji ✓"].sort());
    const started = eventsOf(box.events(), "task_started", "fan");
    expect(started.map((event) => event.log).sort()).toEqual(["logs/fan.0.1.log", "logs/fan.1.1.log", "logs/fan.2.1.log", "logs/fan.3.1.log"]);
    expect(box.read(`.orchc/runs/${box.latestRunId()}/logs/fan.1.1.log`)).toBe(`saw ${hostile}\n`);
  });

  it("retries each iteration on its own, stops none because another failed, and fails the task once all ended", async ({ expect }) => {
    const box = sandbox(
      makePlan("fan_failure", {
        fan: { script: `echo "$ORCHC_ITEM" >> attempts.txt; [ "$ORCHC_ITEM" != bad ]`, forEach: over(["a", "bad", "c"]), retries: 1 },
        after_fan: { script: "touch after_fan", after: "fan" },
        cleanup: { script: "touch cleanup", after: "fan", runIf: "allDone" },
      }),
    );
    const result = await box.run(["--parallel", "2"]);
    expect(result.code, outputOf(result)).toBe(2);
    // Concurrency 1: `c` runs after `bad` failed twice.
    expect(box.lines("attempts.txt")).toEqual(["a", "bad", "bad", "c"]);
    const record = box.record();
    expect(statuses(record)).toEqual({ fan: "failed", after_fan: "upstream_failed", cleanup: "success" });
    expect(record.tasks.get("fan")!.reason).toBe('1 of 3 iterations failed: item 1 "bad" (exit code 1)');
    expect(record.tasks.get("fan")!.iterations.map((iteration) => [iteration.item, iteration.status])).toEqual([
      ["a", "success"],
      ["bad", "failed"],
      ["c", "success"],
    ]);
    const events = box.events();
    expect(eventsOf(events, "task_started", "fan").map((event) => `${event.iteration}#${event.attempt}`)).toEqual(["0#1", "1#1", "1#2", "2#1"]);
    // The tasks after it start only once every iteration ended.
    const lastIterationEnd = Math.max(...eventsOf(events, "iteration_finished", "fan").map((event) => event.at));
    expect(eventsOf(events, "task_started", "cleanup")[0]!.at).toBeGreaterThanOrEqual(lastIterationEnd);
    expect(eventsOf(events, "task_finished", "fan")).toHaveLength(1);
    expect(result.stdout).toContain('failed  fan: 1 of 3 iterations failed: item 1 "bad" (exit code 1)');
  });

  it("applies the task's timeout to each iteration's attempts", async ({ expect }) => {
    const box = sandbox(makePlan("fan_timeout", { fan: { script: `[ "$ORCHC_ITEM" != slow ] || sleep 30`, forEach: over(["fast", "slow", "fast again"], 3), timeout: 1 } }));
    const result = await box.run(["--parallel", "3"]);
    expect(result.code, outputOf(result)).toBe(2);
    const record = box.record();
    expect(record.tasks.get("fan")!.iterations.map((iteration) => [iteration.status, iteration.reason])).toEqual([
      ["success", null],
      ["failed", "timed out after 1s"],
      ["success", null],
    ]);
    expect(eventsOf(box.events(), "attempt_finished", "fan").map((event) => [event.iteration, event.outcome]).sort()).toEqual([
      [0, "success"],
      [1, "timed_out"],
      [2, "success"],
    ]);
  });

  it("reads its list from a param or an output when it becomes ready; an empty list skips it", async ({ expect }) => {
    const box = sandbox(
      makePlan(
        "fan_sources",
        {
          list: { script: `printf '["x","y"]\\n' > "$ORCHC_OUTPUTS/parts"`, outputs: [{ name: "parts", type: "list" }] },
          from_output: { script: `echo "$ORCHC_ITEM" >> from_output.txt`, after: "list", forEach: { items: { output: { task: "list", name: "parts" } }, concurrency: 1 } },
          from_param: { script: `echo "$ORCHC_ITEM" >> from_param.txt`, forEach: overParam("regions") },
          empty: { script: "touch empty_ran", forEach: overParam("none") },
          after_empty: { script: "touch after_empty", after: "empty" },
        },
        { params: { regions: { default: '["eu","us"]' }, none: { default: "[]" } } },
      ),
    );
    const result = await box.run(["--parallel", "2"]);
    expect(result.code, outputOf(result)).toBe(0);
    expect(box.lines("from_output.txt")).toEqual(["x", "y"]);
    expect(box.lines("from_param.txt")).toEqual(["eu", "us"]);
    expect(box.exists("empty_ran")).toBe(false);
    const record = box.record();
    expect(statuses(record)).toEqual({ list: "success", from_output: "success", from_param: "success", empty: "skipped", after_empty: "skipped" });
    expect(record.tasks.get("empty")!.reason).toBe("its list is empty: no iteration to run");
  });

  it("fails the task before any iteration when its list is not a JSON array of strings", async ({ expect }) => {
    const box = sandbox(makePlan("fan_bad_list", { fan: { script: "touch ran", forEach: overParam("items") }, after: { script: "touch after", after: "fan" } }, { params: { items: { default: "[]" } } }));
    const cases: ReadonlyArray<[string, string]> = [
      ["not json", 'its list, param `items`, must be a JSON array of strings: "not json" is not JSON'],
      ['{"a":1}', 'its list, param `items`, must be a JSON array of strings: "{\\"a\\":1}" is not a JSON array'],
      ['["a",2]', "its list, param `items`, must be a JSON array of strings: item 1 is a number, not a string"],
    ];
    for (const [value, reason] of cases) {
      const result = await box.run(["--param", `items=${value}`, "--json"]);
      expect(result.code, outputOf(result)).toBe(2);
      const events = box.events();
      expect(eventsOf(events, "task_started")).toEqual([]);
      expect(eventsOf(events, "task_finished").map((event) => [event.task, event.status, event.reason])).toEqual([
        ["fan", "failed", reason],
        ["after", "upstream_failed", "runIf allSuccess not met: fan failed"],
      ]);
    }
    expect(box.exists("ran")).toBe(false);
  });

  it("prints one task_finished per task with --json, and the iterations' own events", async ({ expect }) => {
    const box = sandbox(makePlan("fan_json", { fan: { script: `echo "item=$ORCHC_ITEM"`, forEach: over(["a", "b"]) } }));
    const result = await box.run(["--json"]);
    expect(result.code, outputOf(result)).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines.filter((line) => line.type === "task_finished")).toHaveLength(1);
    expect(lines.filter((line) => line.type === "items_listed")).toEqual([expect.objectContaining({ task: "fan", items: ["a", "b"], kept: [] })]);
    expect(lines.filter((line) => line.type === "iteration_finished").map((line) => [(line as { item: string }).item, (line as { status: string }).status])).toEqual([
      ["a", "success"],
      ["b", "success"],
    ]);
    expect(lines.filter((line) => line.type === "output").map((line) => [(line as { iteration?: number }).iteration, (line as { line: string }).line])).toEqual([
      [0, "item=a"],
      [1, "item=b"],
    ]);
  });

  it("--resume runs only the iterations that did not succeed, their attempt numbers going on", async ({ expect }) => {
    const box = sandbox(makePlan("fan_resume", { fan: { script: `echo "$ORCHC_ITEM" >> attempts.txt; [ "$ORCHC_ITEM" != b ] || [ -e fixed ]`, forEach: over(["a", "b", "c"], 2) }, after: { script: "touch after", after: "fan" } }));
    const first = await box.run(["--parallel", "2"]);
    expect(first.code, outputOf(first)).toBe(2);
    expect([...box.lines("attempts.txt")].sort()).toEqual(["a", "b", "c"]);
    box.write("fixed");
    const resumed = await box.run(["--resume"]);
    expect(resumed.code, outputOf(resumed)).toBe(0);
    expect(resumed.stdout).toContain("2 of 3 iterations of `fan` already succeeded and are kept");
    expect([...box.lines("attempts.txt")].sort()).toEqual(["a", "b", "b", "c"]);
    const record = box.record();
    expect(statuses(record)).toEqual({ fan: "success", after: "success" });
    expect(record.tasks.get("fan")!.iterations.map((iteration) => iteration.status)).toEqual(["success", "success", "success"]);
    const events = box.events();
    expect(eventsOf(events, "items_listed", "fan").map((event) => event.kept)).toEqual([[], [0, 2]]);
    expect(eventsOf(events, "task_started", "fan").slice(3).map((event) => [event.iteration, event.attempt, event.log])).toEqual([[1, 2, "logs/fan.1.2.log"]]);
  });

  it("stops its iterations with the run: a pipeline timeout ends the running ones and starts no other", async ({ expect }) => {
    const box = sandbox(makePlan("fan_stopped", { fan: { script: `echo "$ORCHC_ITEM" >> started.txt; sleep 30`, forEach: over(["a", "b", "c"], 2) } }, { timeoutSeconds: 1 }), "fan_stopped");
    const result = await box.run(["--parallel", "4"], { ORCHC_KILL_GRACE_SECONDS: "1" });
    expect(result.code, outputOf(result)).toBe(2);
    expect([...box.lines("started.txt")].sort()).toEqual(["a", "b"]);
    const record = box.record();
    expect(record.tasks.get("fan")!.status).toBe("failed");
    expect(record.tasks.get("fan")!.reason).toBe("the pipeline's timeout of 1s was reached");
    expect(record.tasks.get("fan")!.iterations.map((iteration) => iteration.status)).toEqual(["failed", "failed", null]);
    expect(await box.remainingProcesses()).toEqual([]);
  });

  it("Ctrl-C stops the running iterations and one waiting for its retry; --resume runs them and keeps the one that succeeded", async ({ expect }) => {
    // Two at once: `ok` succeeds, so `flaky` starts, fails and waits 30 s for its retry, holding its place while `slow` runs
    // until stopped: `late` never starts.
    const script = `echo "$ORCHC_ITEM" >> started.txt; case "$ORCHC_ITEM" in slow) [ -e fixed ] || sleep 30 ;; flaky) [ -e fixed ] ;; esac`;
    const box = sandbox(makePlan("fan_interrupted", { fan: { script, forEach: over(["ok", "slow", "flaky", "late"], 2), retries: 1, delay: 30 } }));
    const runner = box.start(["--parallel", "3"]);
    await runner.waitFor(() => box.findEvent("retry_scheduled", (event) => event.task === "fan" && event.iteration === 2), "flaky to wait for its retry");
    runner.kill("SIGINT");
    const result = await runner.done;
    expect(result.code, outputOf(result)).toBe(130);
    expect(await box.remainingProcesses()).toEqual([]);
    const record = box.record();
    expect(record.tasks.get("fan")!.status).toBe("interrupted");
    expect(record.tasks.get("fan")!.iterations.map((iteration) => [iteration.item, iteration.status])).toEqual([
      ["ok", "success"],
      ["slow", "interrupted"],
      ["flaky", "interrupted"],
      ["late", null],
    ]);
    box.write("fixed");
    const resumed = await box.run(["--resume", "--parallel", "3"]);
    expect(resumed.code, outputOf(resumed)).toBe(0);
    expect(box.lines("started.txt").filter((item) => item === "ok")).toEqual(["ok"]);
    expect(box.record().tasks.get("fan")!.iterations.map((iteration) => iteration.status)).toEqual(["success", "success", "success", "success"]);
  });
});
