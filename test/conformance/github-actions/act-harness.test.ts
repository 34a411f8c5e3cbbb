// Proves the act harness (act.ts) on a hand-written workflow (fixtures/act-probes.yml), so that a
// job state read from act in the semantic tests can be trusted: results of failed, skipped and
// continue-on-error jobs, GitHub's implicit success() over the whole chain of needs, inputs byte for
// byte, the schedule event, and the deviations of act that act.ts documents.
//
// Needs scripts/provision-github-tools.sh (act); skips without it.
import { describe, expect, it } from "vitest";
import { ACT_VERSION, actMissingReason, orchcRunOf, runWorkflowWithAct } from "./act.js";

const probes = "test/conformance/github-actions/fixtures/act-probes.yml";
const missing = actMissingReason();
if (missing !== null) console.warn(`[conformance] act harness tests skipped: ${missing}`);

describe.skipIf(missing !== null)(`act ${ACT_VERSION} harness`, () => {
  it("reads each job's result and step outcomes; run conclusion failure because a job failed", () => {
    const run = runWorkflowWithAct(probes, { inputs: { text: "typed" } });
    expect(run.jobs).toEqual({
      fails: "failure",
      after_failure: "success",
      // GitHub's implicit success() looks at every ancestor: a failure two needs up skips it.
      implicit: "skipped",
      skipped: "skipped",
      reads_skipped: "success",
      optional: "success",
      inputs: "success",
    });
    expect(run.steps.fails).toEqual({ "0": "success", task: "failure" });
    expect(run.steps.optional).toEqual({ task: "failure" });
    expect(run).toMatchObject({ exitCode: 1, runStatus: "failure" });
    expect(run.output.after_failure).toBe("fails ended failure\n");
    // Deviation: GitHub gives '' for a skipped job's output; act the output's unevaluated text.
    expect(run.output.reads_skipped).toBe("result=skipped\noutcome=${{ steps.task.outcome }}\n");
    expect(orchcRunOf(run)).toEqual({
      states: { fails: "failed", after_failure: "success", implicit: "skipped", skipped: "skipped", reads_skipped: "success", optional: "failed", inputs: "success" },
      runStatus: "FAILED",
    });
  });

  it("passes inputs byte for byte, and a left-out input as GitHub's parser reads its default", () => {
    const typed = "quotes ' \" $HOME `id` ${{ x }} \\ end";
    expect(runWorkflowWithAct(probes, { inputs: { text: typed } }).output.inputs).toBe(`event=workflow_dispatch text=[${typed}]\n`);
    expect(runWorkflowWithAct(probes).output.inputs).toBe("event=workflow_dispatch text=[a default holding ${{ and ' quotes]\n");
  });

  it("runs the schedule event with empty inputs", () => {
    expect(runWorkflowWithAct(probes, { event: "schedule" }).output.inputs).toBe("event=schedule text=[]\n");
  });
});
