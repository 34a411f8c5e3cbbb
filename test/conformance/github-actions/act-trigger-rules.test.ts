// The trigger-rule truth table (test/semantics/trigger-rule-table.ts: each runIf rule × each upstream
// outcome — success, failed, skipped, upstream_failed, optional failed, and their mixes — in chains of
// three or four levels) built for GitHub Actions and run on act: every task's state and the run's
// status must be the table's. Also the named case for GitHub's implicit success(): `a` fails,
// `b` (allDone after a) succeeds, `d` (allSuccess after b) runs, as on every other target.
//
// Each workflow must also be one GitHub's own parser reads without an error, and all of them pass
// actionlint (with shellcheck) and zizmor's regular and pedantic personas.
// Needs scripts/provision-github-tools.sh (act); skips without it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../../hardening/spec-build.js";
import { parseGithubWorkflow } from "../../hardening/github-workflow-parser.js";
import { TRIGGER_RULE_CASES, type SemanticTask } from "../../semantics/trigger-rule-table.js";
import { actMissingReason, runOrchcWorkflowWithAct } from "./act.js";
import { githubToolsMissingReason, runActionlint, runZizmor } from "./github-tools.js";

const missing = actMissingReason();
if (missing !== null) console.warn(`[conformance] act trigger-rule tests skipped: ${missing}`);

const folder = mkdtempSync(join(tmpdir(), "orchc-act-rules-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The tasks as a plain-object pipeline, built for github-actions; the workflow's path. */
function workflowOf(id: string, tasks: ReadonlyArray<SemanticTask>): string {
  const spec = {
    id,
    tasks: tasks.map((task) => ({
      id: task.id,
      action: { kind: "shell", command: task.exitCode === 0 ? `echo ${task.id} ran` : `echo ${task.id} fails on purpose; exit 1` },
      ...(task.after.length > 0 && { after: [...task.after] }),
      ...(task.runIf !== "allSuccess" && { runIf: task.runIf }),
      ...(task.optional && { optional: true }),
    })),
  };
  const result = build("github-actions", [{ file: `/project/${id}.json`, projectRoot: "/project", exportName: "default", spec }]);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  const file = join(folder, `${id}.yml`);
  writeFileSync(file, result.files[0]!.contents);
  expect(parseGithubWorkflow(result.files[0]!.contents).errors).toEqual([]);
  return file;
}

describe.skipIf(missing !== null)("trigger rules on act: the truth table's states and run status", () => {
  for (const entry of TRIGGER_RULE_CASES) {
    it(`${entry.name}: ${entry.expected.status}`, () => {
      const { states, runStatus, run } = runOrchcWorkflowWithAct(workflowOf(entry.name, entry.tasks));
      expect({ states, runStatus }, run.log).toEqual({ states: entry.expected.states, runStatus: entry.expected.status });
    });
  }

  it("allSuccess reads its direct needs only: a fails, b (allDone after a) succeeds, d (allSuccess after b) runs; the run is FAILED", () => {
    const file = workflowOf("implicit_success", [
      { id: "a", after: [], runIf: "allSuccess", optional: false, exitCode: 1 },
      { id: "b", after: ["a"], runIf: "allDone", optional: false, exitCode: 0 },
      { id: "d", after: ["b"], runIf: "allSuccess", optional: false, exitCode: 0 },
    ]);
    const { states, runStatus } = runOrchcWorkflowWithAct(file);
    expect({ states, runStatus }).toEqual({ states: { a: "failed", b: "success", d: "success" }, runStatus: "FAILED" });
  });
});

const lintersMissing = githubToolsMissingReason();
describe.skipIf(lintersMissing !== null)("the truth table's workflows pass the linters", () => {
  it("actionlint (with shellcheck), zizmor regular and pedantic: no finding", () => {
    const files = TRIGGER_RULE_CASES.map((entry) => workflowOf(entry.name, entry.tasks));
    expect(runActionlint(files).findings).toEqual([]);
    expect(runZizmor(files).findings).toEqual([]);
    expect(runZizmor(files, { persona: "pedantic" }).findings).toEqual([]);
  });
});
