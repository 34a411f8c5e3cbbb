// runPipeline on act: the parent's job calls the child's workflow (uses: ./.github/workflows/…), act
// runs the child's jobs inside the parent's run with the values passed (a param of the parent given
// on a manual run reaches the child's task), the task after the calling job runs when the child is
// SUCCESS or PARTIAL, and a FAILED child fails the run. One disagreement with GitHub is asserted as
// act has it (below): after a failed called workflow act runs no job that needs the calling one.
// Needs scripts/provision-github-tools.sh (act); skips without it.
import { targets } from "@orchc/targets";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase } from "../../golden/build-case.js";
import { actMissingReason, runWorkflowWithAct } from "./act.js";

const here = dirname(fileURLToPath(import.meta.url));
const missing = actMissingReason();
if (missing !== null) console.warn(`[conformance] act runPipeline tests skipped: ${missing}`);

describe.skipIf(missing !== null)("runPipeline on act", () => {
  const workspace = mkdtempSync(join(tmpdir(), "orchc-act-run-pipeline-"));
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));
  beforeAll(async () => {
    for (const file of await buildCase(resolve(here, "run-pipeline", "pipeline.ts"), targets["github-actions"])) {
      mkdirSync(dirname(join(workspace, file.path)), { recursive: true });
      writeFileSync(join(workspace, file.path), file.text);
    }
  });

  // act 0.2.89 reports the called workflow's jobs under their own ids (`work`, `report`) and no result for
  // the calling job itself: its outcome is read where GitHub would use it, in the jobs after it.
  it.each([
    ["ok", { work: "success", report: "success", publish: "success" }, 0],
    // The child's optional report fails: its job continues on error, the child is PARTIAL, the caller succeeds.
    ["partial", { work: "success", report: "success", publish: "success" }, 0],
  ] as const)("mode %s: the child runs with the values passed, and the task after the calling job runs", (mode, jobs, exitCode) => {
    const run = runWorkflowWithAct(join(workspace, ".github", "workflows", "rp_parent.yml"), { inputs: { mode }, workspace, timeoutMs: 300_000 });
    expect(run.jobs, run.log.slice(-3000)).toMatchObject(jobs);
    expect(run.exitCode).toBe(exitCode);
    expect(run.output.work).toContain("catalog=main");
    if (mode === "partial") expect(run.steps.report).toEqual({ "1": "success", task: "failure" });
  }, 360_000);

  it("a scheduled parent: the called run has the caller's event name, and its task still reads the values passed (orchc_called)", () => {
    const run = runWorkflowWithAct(join(workspace, ".github", "workflows", "rp_parent.yml"), { event: "schedule", workspace, timeoutMs: 300_000 });
    expect(run.jobs, run.log.slice(-3000)).toMatchObject({ work: "success", report: "success", publish: "success" });
    // Without orchc_called the child would take its own default, catalog=dev, as a scheduled run does.
    expect(run.output.work).toContain("catalog=main");
  }, 360_000);

  it("mode fail: the child FAILED fails the run; act then runs no job after the calling one", () => {
    const run = runWorkflowWithAct(join(workspace, ".github", "workflows", "rp_parent.yml"), { inputs: { mode: "fail" }, workspace, timeoutMs: 300_000 });
    expect(run.jobs, run.log.slice(-3000)).toMatchObject({ work: "failure", report: "success" });
    expect(run.steps.report).toEqual({ upstream_failed: "failure" });
    expect(run.runStatus).toBe("failure");
    // A disagreement with GitHub, asserted as act has it: GitHub gives the calling job the result
    // `failure` and runs `publish` to its failing upstream_failed step; act 0.2.89 stops scheduling.
    expect(run.jobs.publish).toBe("skipped");
  }, 360_000);
});
