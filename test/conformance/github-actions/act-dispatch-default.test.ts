// A param default holding `${{` (issue 15 §4): GitHub allows no expression in a workflow_dispatch
// input's default, and refused the old `${{ '${{' }} …` splice there. orchc writes such text as one
// string-literal expression, which GitHub's parser reads back as the text. Proven here end to end: the
// parser reads the workflow without an error and the input's default as the text, and on act the task
// gets the text byte for byte on a manual run that leaves the input out and on a scheduled run (where
// the step's env carries the default).
// Needs scripts/provision-github-tools.sh (act); skips without it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../../hardening/spec-build.js";
import { parseGithubWorkflow } from "../../hardening/github-workflow-parser.js";
import { at } from "../../hardening/github-step-runner.js";
import { actMissingReason, runWorkflowWithAct } from "./act.js";

const DEFAULT = "${{ github.token }} it's ${{ '${{' }} $HOME `id` \\ end";

const missing = actMissingReason();
if (missing !== null) console.warn(`[conformance] act dispatch-default tests skipped: ${missing}`);

const folder = mkdtempSync(join(tmpdir(), "orchc-act-default-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function workflow(): { file: string; contents: string } {
  const spec = {
    id: "dispatch_default",
    schedule: { cron: "0 6 * * *" },
    params: { text: { type: "string", default: DEFAULT } },
    tasks: [{ id: "t", action: { kind: "shell", command: { $template: ["printf '[%s]\\n' ", { $param: "text" }] } } }],
  };
  const result = build("github-actions", [{ file: "/project/p.json", projectRoot: "/project", exportName: "default", spec }]);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  const file = join(folder, "dispatch_default.yml");
  writeFileSync(file, result.files[0]!.contents);
  return { file, contents: result.files[0]!.contents };
}

describe("a workflow_dispatch input default holding `${{`", () => {
  it("is one GitHub's parser accepts, reading the default back as the text", () => {
    const parsed = parseGithubWorkflow(workflow().contents);
    expect(parsed.errors).toEqual([]);
    expect(at(parsed.value, "on", "workflow_dispatch", "inputs", "text", "default")).toBe(DEFAULT);
    expect(parsed.expressions).not.toContain("github.token");
  });

  it.skipIf(missing !== null)("reaches the task byte for byte on act, on a manual run without the input and on a scheduled run", () => {
    const { file } = workflow();
    for (const event of ["workflow_dispatch", "schedule"] as const) {
      const run = runWorkflowWithAct(file, { event });
      expect(run.jobs, run.log).toEqual({ t: "success" });
      expect(run.output.t).toContain(`[${DEFAULT}]\n`);
    }
    const typed = runWorkflowWithAct(file, { inputs: { text: "typed ${{ x }}" } });
    expect(typed.output.t).toContain("[typed ${{ x }}]\n");
  });
});
