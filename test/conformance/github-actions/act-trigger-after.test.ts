// A pipeline that runs after another, on act: its workflow's jobs run on a workflow_run event only when
// the upstream run concluded `success` and ran this repository's code; after a failure, or for a fork's
// run, every job is skipped; a manual run still runs them. The payloads are GitHub's workflow_run
// event as the docs give it; without a git remote act names the repository `nektos/act`.
// Needs scripts/provision-github-tools.sh (act); skips without it.
import { targets } from "@orchc/targets";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildCase } from "../../golden/build-case.js";
import { actMissingReason, runWorkflowWithAct } from "./act.js";

const missing = actMissingReason();
if (missing !== null) console.warn(`[conformance] act trigger-after tests skipped: ${missing}`);

const folder = mkdtempSync(join(tmpdir(), "orchc-act-after-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const THIS_REPOSITORY = "nektos/act";

async function downstreamWorkflow(): Promise<string> {
  const files = await buildCase(join(dirname(fileURLToPath(import.meta.url)), "..", "airflow", "triggers", "pipeline.ts"), targets["github-actions"]);
  const workflow = files.find((file) => file.path.endsWith("/trigger_downstream.yml"))!;
  const path = join(folder, "trigger_downstream.yml");
  writeFileSync(path, workflow.text);
  return path;
}

const completed = (conclusion: string, headRepository: string) => ({
  action: "completed",
  workflow: { name: "trigger_upstream" },
  workflow_run: { name: "trigger_upstream", conclusion, event: "schedule", head_repository: { full_name: headRepository } },
  repository: { full_name: THIS_REPOSITORY },
});

describe.skipIf(missing !== null)("trigger after another pipeline, on act (workflow_run)", () => {
  it("runs the jobs after the upstream's success, skips them after a failure or for a fork's run, and still runs by hand", async () => {
    const file = await downstreamWorkflow();
    const jobsAfter = (payload: Record<string, unknown>) => runWorkflowWithAct(file, { event: "workflow_run", payload }).jobs;
    expect(jobsAfter(completed("success", THIS_REPOSITORY))).toEqual({ report: "success" });
    expect(jobsAfter(completed("failure", THIS_REPOSITORY))).toEqual({ report: "skipped" });
    expect(jobsAfter(completed("cancelled", THIS_REPOSITORY))).toEqual({ report: "skipped" });
    expect(jobsAfter(completed("success", "someone/fork"))).toEqual({ report: "skipped" });
    expect(runWorkflowWithAct(file).jobs).toEqual({ report: "success" });
  }, 300_000);
});
