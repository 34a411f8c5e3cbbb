// What every job repeats is written once, with a YAML anchor, and aliased after; an anchor takes at
// most 99 aliases before the node is written again under a new one. Proven with the real readers on a
// workflow of 230 jobs (three anchors for each repeated node): GitHub's parser reads every job in full,
// actionlint and zizmor find nothing, and act runs every job, each getting its own command and the
// param through the shared step.
// Needs scripts/provision-github-tools.sh (actionlint, zizmor, act); skips without them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { build } from "../../hardening/spec-build.js";
import { parseGithubWorkflow } from "../../hardening/github-workflow-parser.js";
import { actMissingReason, runWorkflowWithAct } from "./act.js";
import { githubToolsMissingReason, runActionlint, runZizmor } from "./github-tools.js";

const JOBS = 230;

const folder = mkdtempSync(join(tmpdir(), "orchc-anchors-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function workflow(): { file: string; contents: string } {
  // A root, then every other task after it: the same `if:`, upstream_failed step, checkout, step env
  // and script in 229 jobs, and one command per job.
  const tasks = Array.from({ length: JOBS }, (_, index) => ({
    id: `t${index}`,
    action: { kind: "shell", command: { $template: [`echo "job ${index} day=`, { $param: "day" }, '"'] } },
    ...(index > 0 && { after: ["t0"] }),
  }));
  const spec = { id: "anchors", params: { day: { type: "string", default: "mon" } }, tasks };
  const result = build("github-actions", [{ file: "/project/p.json", projectRoot: "/project", exportName: "default", spec }]);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  const file = join(folder, "anchors.yml");
  writeFileSync(file, result.files[0]!.contents);
  return { file, contents: result.files[0]!.contents };
}

const { file, contents } = workflow();

describe("a workflow with nodes written once and aliased", () => {
  it("re-anchors after 99 aliases, and the `yaml` package reads it with its default limit", () => {
    expect(contents.match(/&checkout\S*/g)).toEqual(["&checkout", "&checkout_2", "&checkout_3"]);
    expect(contents.match(/&task_script\S*/g)).toEqual(["&task_script", "&task_script_2", "&task_script_3"]);
    const read = parse(contents) as { jobs: Record<string, { steps: Array<{ uses?: string; run?: string }> }> };
    expect(Object.keys(read.jobs)).toHaveLength(JOBS);
    for (const job of Object.values(read.jobs)) expect(job.steps.some((step) => step.uses?.startsWith("actions/checkout@"))).toBe(true);
  });

  it("is read in full by GitHub's parser: every job has its steps", () => {
    const parsed = parseGithubWorkflow(contents);
    expect(parsed.errors).toEqual([]);
    const jobs = (parsed.value as { jobs: Record<string, { steps: Array<{ id?: string; run?: string }> }> }).jobs;
    expect(Object.keys(jobs)).toHaveLength(JOBS);
    for (const job of Object.values(jobs)) expect(job.steps.find((step) => step.id === "task")?.run).toContain('set -- "${ORCHC_COMMAND}"');
  });

  const lintersMissing = githubToolsMissingReason();
  it.skipIf(lintersMissing !== null)("passes actionlint (with shellcheck) and zizmor, regular and pedantic", () => {
    expect(runActionlint([file]).findings).toEqual([]);
    expect(runZizmor([file]).findings).toEqual([]);
    expect(runZizmor([file], { persona: "pedantic" }).findings).toEqual([]);
  });

  const actMissing = actMissingReason();
  it.skipIf(actMissing !== null)("runs every job on act, each with its own command and the param", () => {
    const run = runWorkflowWithAct(file, { inputs: { day: "tue" }, timeoutMs: 600_000 });
    expect(Object.values(run.jobs).filter((result) => result !== "success"), run.log.slice(-4000)).toEqual([]);
    for (const index of [0, 1, 99, 100, 101, 199, 200, 229]) expect(run.output[`t${index}`]).toContain(`job ${index} day=tue\n`);
  }, 660_000);
});
