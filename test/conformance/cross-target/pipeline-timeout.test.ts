// A pipeline timeout means the same on the local runner and on GitHub Actions, where the workflow
// emulates it (`targets: { githubActions: { "pipeline.timeout": "emulate" } }`): when the run passes
// it, the task running then is stopped and `failed` (an optional one too, and the run is FAILED, not
// PARTIAL), a task that would start after it never starts (`interrupted`), and what finished before
// keeps its state. Run by `orchc run` and by act, with states read in orchc's terms.
// Airflow enforces its dagrun_timeout only in the scheduler, which dag.test() does not run (ORC311,
// docs/airflow.md); Databricks' job timeout_seconds is the engine's own.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseGithubWorkflow } from "../../hardening/github-workflow-parser.js";
import { build } from "../../hardening/spec-build.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const cliBin = join(repoRoot, "packages", "cli", "bin", "orchc.js");
const project = mkdtempSync(join(repoRoot, ".cache", "pipeline-timeout-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const TIMEOUT_SECONDS = 15;
const targets = { githubActions: { "pipeline.timeout": "emulate" }, local: {} };
const quick = { id: "quick", action: { kind: "shell", command: "echo quick" } };
const stopped = { id: "stopped", action: { kind: "shell", command: "echo started; sleep 300" }, after: ["quick"], optional: true };

interface TimeoutCase {
  readonly spec: Record<string, unknown>;
  readonly expected: { readonly states: Record<string, string>; readonly status: string };
}

// `quick` ends well before the deadline on either engine; `stopped` is running when it passes; `after` would start after it.
const CASES: ReadonlyArray<TimeoutCase> = [
  {
    spec: { id: "deadline_then_more", timeout: `${TIMEOUT_SECONDS}s`, targets, tasks: [quick, stopped, { id: "after", action: { kind: "shell", command: "echo after" }, after: ["stopped"], runIf: "allDone" }] },
    expected: { states: { quick: "success", stopped: "failed", after: "interrupted" }, status: "FAILED" },
  },
  // The optional task stopped by the deadline is the last one: its failure alone would be PARTIAL, the timeout makes it FAILED.
  { spec: { id: "deadline_optional_leaf", timeout: `${TIMEOUT_SECONDS}s`, targets, tasks: [quick, stopped] }, expected: { states: { quick: "success", stopped: "failed" }, status: "FAILED" } },
];

const idOf = (entry: TimeoutCase) => entry.spec.id as string;

describe("a pipeline timeout ends the run alike on the local runner and on GitHub Actions (act)", () => {
  it.each(CASES.map((entry) => [idOf(entry), entry] as const))("local: orchc run, %s", (id, entry) => {
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, `${id}.json`), JSON.stringify(entry.spec));
    const result = spawnSync(process.execPath, [cliBin, "run", `${id}.json`, "--json", "--store", join(project, "store")], { cwd: project, encoding: "utf8", timeout: 120_000 });
    const states: Record<string, string> = {};
    for (const line of result.stdout.split("\n")) {
      if (!line.startsWith("{")) continue;
      const record = JSON.parse(line) as { type: string; task?: string; status?: string };
      if (record.type === "task_finished") states[record.task!] = record.status!;
    }
    expect({ states, status: { 0: "SUCCESS", 1: "PARTIAL", 2: "FAILED" }[result.status ?? -1] }).toEqual(entry.expected);
  }, 120_000);

  it.each(CASES.map((entry) => [idOf(entry), entry] as const))("github-actions: the workflow on act, %s", async (id, entry) => {
    const act = await import("../github-actions/act.js");
    const missing = act.actMissingReason();
    if (missing !== null) {
      console.warn(`[conformance] pipeline timeout on act skipped: ${missing}`);
      return;
    }
    const result = build("github-actions", [{ file: `/project/${id}.json`, projectRoot: "/project", exportName: "default", spec: entry.spec }]);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
    const contents = result.files[0]!.contents;
    expect(parseGithubWorkflow(contents).errors).toEqual([]);
    const file = join(project, `${id}.yml`);
    writeFileSync(file, contents);
    const started = Date.now();
    const { states, runStatus, run } = act.runOrchcWorkflowWithAct(file, { timeoutMs: 300_000 });
    const seconds = (Date.now() - started) / 1000;
    const tasks = Object.keys(entry.expected.states);
    expect({ states: Object.fromEntries(tasks.map((task) => [task, states[task]])), status: runStatus }, run.log.slice(-4000)).toEqual(entry.expected);
    expect(states.orchc_deadline).toBe("success");
    // Stopped at the deadline, not when `sleep 300` would have ended.
    expect(seconds).toBeLessThan(TIMEOUT_SECONDS + 60);
    expect(run.output.stopped).toContain("started");
    expect(run.output.after ?? "").not.toMatch(/^after$/m);
  }, 320_000);
});
