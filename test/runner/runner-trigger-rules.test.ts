// The trigger-rule truth table (test/semantics/trigger-rule-table.ts) on real processes: every rule
// after every upstream outcome, each case its own run of the standalone runner file, asserting
// every task's state, which tasks ran, the run's status and exit code.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, it } from "vitest";
import { EXIT_CODES } from "../../packages/runner/src/store/run-events.js";
import { EXIT_CODES as TABLE_EXIT_CODES, pipelineSource, TRIGGER_RULE_CASES, type TriggerRuleCase } from "../semantics/trigger-rule-table.js";
import type { RunEvent } from "../../packages/runner/src/store/run-events.js";
import { jsonLines, makePlan, orchc, outputOf, RunningProcess, tempDir, useSandboxes, type TaskSpec } from "./runner-harness.js";

const sandbox = useSandboxes();

const planOf = (entry: TriggerRuleCase) =>
  makePlan(
    entry.name,
    Object.fromEntries(entry.tasks.map((task): [string, TaskSpec] => [task.id, { script: `touch ran/${task.id}; exit ${task.exitCode}`, after: task.after, runIf: task.runIf, optional: task.optional }])),
  );

const STATUS_WORDS = { SUCCESS: "success", PARTIAL: "partial", FAILED: "failed" } as const;

describe("the trigger-rule table", () => {
  it("spells out the cases the issue found, and agrees with the exit codes the runner uses", ({ expect }) => {
    const named = (name: string) => TRIGGER_RULE_CASES.find((entry) => entry.name === name)!.expected;
    // a fails → b not run → c noneFailed: c does not run either.
    expect(named("tr_noneFailed_u").states).toMatchObject({ u0_root: "failed", u0: "upstream_failed", target: "upstream_failed" });
    // extract fails → load not run → alert atLeastOneFailed after load: the alert runs.
    expect(named("tr_atLeastOneFailed_u").states).toMatchObject({ u0: "upstream_failed", target: "success" });
    // a fails, b allDone after it runs, d allSuccess after b runs.
    expect(named("tr_allDone_f").states).toMatchObject({ u0: "failed", target: "success", follower: "success" });
    // A critical task that could not run because an optional one failed fails the run.
    expect([named("tr_allSuccess_o").status, named("tr_allDone_o").status, named("tr_atLeastOneSuccess_sk").status]).toEqual(["FAILED", "PARTIAL", "SUCCESS"]);
    expect(TRIGGER_RULE_CASES).toHaveLength(78);
    for (const status of ["SUCCESS", "PARTIAL", "FAILED"] as const) expect(TABLE_EXIT_CODES[status]).toBe(EXIT_CODES[STATUS_WORDS[status]]);
  });
});

describe.concurrent("trigger rules on the standalone runner", () => {
  it.for(TRIGGER_RULE_CASES.map((entry) => [entry.name, entry] as const))("%s", async ([, entry], { expect }) => {
    const box = sandbox(planOf(entry));
    box.write("ran/.keep");
    const result = await box.run(["--parallel", "2"]);
    const record = box.record();
    const actual = Object.fromEntries(entry.tasks.map((task) => [task.id, record.tasks.get(task.id)?.status]));
    expect({ states: actual, status: record.status, exitCode: result.code }, outputOf(result)).toEqual({ states: entry.expected.states, status: STATUS_WORDS[entry.expected.status], exitCode: entry.expected.exitCode });
    for (const task of entry.tasks) {
      const state = entry.expected.states[task.id];
      const ran = state === "success" || state === "failed";
      expect({ task: task.id, ran: box.exists(`ran/${task.id}`), attempts: record.tasks.get(task.id)!.attempts.length }).toEqual({ task: task.id, ran, attempts: ran ? 1 : 0 });
      if (!ran) expect(record.tasks.get(task.id)!.reason, task.id).toMatch(/^runIf \w+ not met: /);
    }
  });
});

describe("trigger rules from a pipeline.ts", () => {
  // Under the repo, so `@orchc/dsl` resolves from its node_modules.
  const project = tempDir("trigger-rule-table");
  beforeAll(() => {
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    writeFileSync(join(project, "pipeline.ts"), pipelineSource(TRIGGER_RULE_CASES, "@orchc/dsl"));
  });

  /** States, status and exit code as `--json` tells them: a task_finished record for every task, run or not. */
  function fromJson(stdout: string, code: number | null) {
    const lines = jsonLines(stdout);
    const finished = lines.filter((line) => line.type === "task_finished") as Array<Extract<RunEvent, { type: "task_finished" }>>;
    const run = lines.find((line) => line.type === "run_finished") as Extract<RunEvent, { type: "run_finished" }> | undefined;
    return { states: Object.fromEntries(finished.map((line) => [line.task, line.status])), status: run?.status, exitCode: code };
  }

  it("`orchc build -t local` writes one runner per case; each ends as the table says", async ({ expect }) => {
    const built = await orchc(["build", "pipeline.ts", "-t", "local", "--out", "out"], project);
    expect(built.code, outputOf(built)).toBe(0);
    const pending = [...TRIGGER_RULE_CASES];
    const worker = async () => {
      for (let entry = pending.shift(); entry; entry = pending.shift()) {
        const result = await new RunningProcess(process.execPath, [join("out", "local", `${entry.name}.mjs`), "--json", "--parallel", "2"], { cwd: project }).done;
        expect(fromJson(result.stdout, result.code), `${entry.name}\n${outputOf(result)}`).toEqual({ states: entry.expected.states, status: STATUS_WORDS[entry.expected.status], exitCode: entry.expected.exitCode });
      }
    };
    await Promise.all([worker(), worker()]);
  });

  it.for(["tr_noneFailed_u", "tr_atLeastOneFailed_u", "tr_allDone_f", "tr_allSuccess_o"])("`orchc run --pipeline %s`", async (name, { expect }) => {
    const entry = TRIGGER_RULE_CASES.find((candidate) => candidate.name === name)!;
    const result = await orchc(["run", "pipeline.ts", "--pipeline", name, "--json", "--store", `.orchc/${name}`], project);
    expect(fromJson(result.stdout, result.code), outputOf(result)).toEqual({ states: entry.expected.states, status: STATUS_WORDS[entry.expected.status], exitCode: entry.expected.exitCode });
  });
});

describe.concurrent("upstream_failed in chains", () => {
  it("a failure's allSuccess dependents are upstream_failed in turn, down a chain, and allDone ones still run", async ({ expect }) => {
    const box = sandbox(
      makePlan("trigger_chain", {
        bad: "exit 1",
        b: { script: "touch b", after: "bad" },
        c: { script: "touch c", after: "b" },
        d: { script: "touch d", after: "c", runIf: "allDone" },
        e: { script: "touch e", after: "d" },
      }),
    );
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(2);
    const record = box.record();
    expect(Object.fromEntries([...record.tasks].map(([id, task]) => [id, task.status]))).toEqual({ bad: "failed", b: "upstream_failed", c: "upstream_failed", d: "success", e: "success" });
    expect(record.tasks.get("b")!.reason).toBe("runIf allSuccess not met: bad failed");
    expect(record.tasks.get("c")!.reason).toBe("runIf allSuccess not met: b upstream failed");
    expect(record.reason).toBe("failed: bad");
    expect(["b", "c", "d", "e"].filter((file) => box.exists(file))).toEqual(["d", "e"]);
  });
});
