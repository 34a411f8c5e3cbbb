// For-each tasks on GitHub Actions, judged by act: the shared pipeline (for-each-pipeline.ts) built
// by the orchc CLI runs as matrix jobs. Each item runs once in its own job, the hostile one byte for
// byte in the command and in env, `fail-me` twice (its retry runs inside its own job) while the others
// succeed, `fan` fails only after all ended and `after_fan` is upstream_failed; a list empty at run time
// skips its job (GitHub would fail a job whose matrix holds nothing). A param list holding a non-string
// fails the iterations of those items without running their command.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actMissingReason, runOrchcWorkflowWithAct } from "../github-actions/act.js";
import { attemptsIn, EXPECTED_ATTEMPTS, FOR_EACH_STATES, forEachPipelineSource, writeForEachInputs } from "./for-each-pipeline.js";
import { scratchProject, type ScratchProject } from "./scratch-project.js";

let scratch: ScratchProject;
let workflow: string;

beforeAll(() => {
  scratch = scratchProject("for-each-github", {});
  const inputs = join(scratch.dir, "inputs");
  writeForEachInputs(inputs);
  writeFileSync(join(scratch.dir, "pipeline.ts"), forEachPipelineSource(inputs));
  scratch.build("github-actions", "pipeline.ts", "github-actions");
  workflow = join(scratch.dir, "out", "github-actions", ".github", "workflows", "for_each.yml");
}, 300_000);

afterAll(() => scratch?.remove());

describe("for-each tasks on GitHub Actions (act)", () => {
  const missing = actMissingReason();
  it.skipIf(missing !== null)("a matrix job per task: every item once (retried on its own), byte for byte; the task fails after all ended; an empty list skips it", () => {
    const out = scratch.freshOut("act");
    const { states, run } = runOrchcWorkflowWithAct(workflow, { inputs: { out }, timeoutMs: 600_000 });
    expect(states, run.log.slice(-4000)).toEqual(FOR_EACH_STATES);
    expect(attemptsIn(out)).toEqual(EXPECTED_ATTEMPTS);
  }, 900_000);

  it.skipIf(missing !== null)("a list holding anything but strings fails the task with no item's command run, the string items' neither", () => {
    const out = scratch.freshOut("act-non-string");
    const { states, run } = runOrchcWorkflowWithAct(workflow, { inputs: { out, regions: '["eu", 1, {"a": "b"}]' }, timeoutMs: 600_000 });
    expect(states.param_fan, run.log.slice(-4000)).toBe("failed");
    expect(attemptsIn(out).param_fan).toBeUndefined();
    expect(run.log).toContain("a for-each list must be a JSON array of strings; this one holds 1,");
  }, 900_000);
});
