import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { formatDuration } from "../../packages/runner/src/report/format.js";
import { jsonLines, makePlan, outputOf, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

/** Fails while the file `broken` exists; every task prints, so every attempt has a log. */
const historyPlan = (id: string) =>
  makePlan(id, {
    extract: "echo extracting",
    flaky: { script: 'echo "attempt $ORCHC_ATTEMPT"; [ "$ORCHC_ATTEMPT" -ge 2 ]', retries: 1, after: "extract" },
    load: { script: 'echo loading; if [ -f broken ]; then echo "load failed"; exit 7; fi', after: "flaky" },
  });

interface ListJson {
  runs: Array<{ runId: string; status: string; durationMs: number; sessions: number }>;
  pipelines: Array<{ pipeline: string; runs: number; finished: number; succeeded: number; successRate: number; meanDurationMs: number; lastStatus: string }>;
}

describe.concurrent("run history", () => {
  it("runs list shows each run and the pipeline's success rate and mean duration", async ({ expect }) => {
    const box = sandbox(historyPlan("history_list"));
    expect((await box.run()).code).toBe(0);
    box.write("broken");
    expect((await box.run()).code).toBe(2);
    rmSync(box.path("broken"));
    expect((await box.run()).code).toBe(0);
    const runIds = box.runIds();
    expect(runIds).toHaveLength(3);

    const json = await box.run(["runs", "list", "--json"]);
    expect(json.code, outputOf(json)).toBe(0);
    const listed = JSON.parse(json.stdout) as ListJson;
    expect(listed.runs.map((run) => [run.runId, run.status])).toEqual([
      [runIds[0], "success"],
      [runIds[1], "failed"],
      [runIds[2], "success"],
    ]);
    const durations = runIds.map((runId) => {
      const record = box.record(runId);
      return record.endedAt! - record.startedAt;
    });
    const mean = durations.reduce((sum, value) => sum + value, 0) / durations.length;
    expect(listed.runs.map((run) => run.durationMs)).toEqual(durations);
    expect(listed.pipelines).toEqual([{ pipeline: "history_list", runs: 3, finished: 3, succeeded: 2, successRate: 2 / 3, meanDurationMs: mean, lastStatus: "success" }]);

    const text = await box.run(["runs"]);
    expect(text.code, outputOf(text)).toBe(0);
    for (const runId of runIds) expect(text.stdout).toContain(runId);
    expect(text.stdout).toMatch(/^history_list\s+3\s+67% \(2\/3\)\s+(\S+)\s+success$/m);
    expect(/^history_list\s+3\s+67% \(2\/3\)\s+(\S+)/m.exec(text.stdout)![1]).toBe(formatDuration(mean));
    expect(text.stdout).toMatch(new RegExp(`^${runIds[1]}\\s+failed\\s+.*\\s2/3$`, "m"));
  });

  it("runs show lists the tasks with their attempts and log paths", async ({ expect }) => {
    const box = sandbox(historyPlan("history_show"));
    box.write("broken");
    expect((await box.run()).code).toBe(2);
    const runId = box.latestRunId()!;
    const logs = `${box.store}/${runId}/logs`;

    const shown = await box.run(["runs", "show", runId]);
    expect(shown.code, outputOf(shown)).toBe(0);
    expect(shown.stdout).toContain(`${runId}: failed (failed: load)`);
    expect(shown.stdout).toContain("1 session(s)");
    expect(shown.stdout).toMatch(new RegExp(`^extract\\s+success\\s+1\\s+\\S+\\s+${logs}/extract\\.1\\.log\\s*$`, "m"));
    expect(shown.stdout).toMatch(new RegExp(`^flaky\\s+success\\s+2\\s+\\S+\\s+${logs}/flaky\\.2\\.log\\s*$`, "m"));
    expect(shown.stdout).toMatch(new RegExp(`^load\\s+failed\\s+1\\s+\\S+\\s+${logs}/load\\.1\\.log\\s+exit code 7$`, "m"));

    // The latest run without an id; as JSON with every attempt and its log.
    const latest = await box.run(["runs", "show", "--json"]);
    const record = JSON.parse(latest.stdout) as {
      runId: string;
      status: string;
      tasks: Array<{ id: string; status: string; attempts: Array<{ attempt: number; outcome: string; exitCode: number; log: string }> }>;
    };
    expect(record.runId).toBe(runId);
    const flaky = record.tasks.find((task) => task.id === "flaky")!;
    expect(flaky.attempts.map((attempt) => [attempt.attempt, attempt.outcome, attempt.exitCode, attempt.log])).toEqual([
      [1, "failed", 1, `${logs}/flaky.1.log`],
      [2, "success", 0, `${logs}/flaky.2.log`],
    ]);
    // The logs are where runs show says.
    expect(box.read(`.orchc/runs/${runId}/logs/flaky.1.log`)).toBe("attempt 1\n");
    expect(box.read(`.orchc/runs/${runId}/logs/load.1.log`)).toBe("loading\nload failed\n");

    const missing = await box.run(["runs", "show", "history_show-20000101T000000Z"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no run `history_show-20000101T000000Z`");
  });

  it("every task that did not run has a state and a reason: in --json, the journal and runs show", async ({ expect }) => {
    const box = sandbox(
      makePlan(
        "history_not_run",
        {
          bad: "exit 3",
          after_bad: { script: "true", after: "bad" },
          slow: "sleep 30",
          after_slow: { script: "true", after: "slow", runIf: "allDone" },
        },
        { timeoutSeconds: 1 },
      ),
    );
    const result = await box.run(["--json"]);
    expect(result.code, outputOf(result)).toBe(2);
    const finished = jsonLines(result.stdout).filter((line) => line.type === "task_finished");
    expect(Object.fromEntries(finished.map((line) => [line.task, [line.status, line.reason]]))).toEqual({
      bad: ["failed", "exit code 3"],
      after_bad: ["upstream_failed", "runIf allSuccess not met: bad failed"],
      slow: ["failed", "the pipeline's timeout of 1s was reached"],
      after_slow: ["interrupted", "not started: the pipeline's timeout of 1s was reached"],
    });
    const runId = box.latestRunId()!;
    const shown = await box.run(["runs", "show", runId]);
    expect(shown.stdout).toMatch(/^after_bad\s+upstream_failed\s+0\s+-\s+-\s+runIf allSuccess not met: bad failed$/m);
    expect(shown.stdout).toMatch(/^after_slow\s+interrupted\s+0\s+-\s+-\s+not started: the pipeline's timeout of 1s was reached$/m);

    // A journal written before every task got a record: the task shows the run's reason.
    const journal = join(box.runDir(runId), "journal.jsonl");
    const lines = readFileSync(journal, "utf8").split("\n");
    writeFileSync(journal, lines.filter((line) => !line.includes('"task":"after_slow"')).join("\n"));
    const old = await box.run(["runs", "show", runId]);
    expect(old.stdout).toMatch(/^after_slow\s+not started\s+0\s+-\s+-\s+not started: the pipeline's timeout of 1s was reached$/m);
  });
});
