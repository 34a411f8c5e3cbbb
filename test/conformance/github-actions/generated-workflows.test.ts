// Every workflow orchc generates (golden cases and examples) linted by actionlint (with shellcheck on the
// run: scripts) and zizmor, offline, with zero findings allowed, under zizmor's regular and pedantic
// personas; under the auditor persona, only the findings docs/github-actions.md explains.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GOLDEN_CASES } from "../../golden/golden-cases.js";
import { parseGithubWorkflow } from "../../hardening/github-workflow-parser.js";
import { examplesBuiltFor } from "../../examples.js";
import { actionlintBinary, githubToolsMissingReason, runActionlint, runZizmor, zizmorBinary } from "./github-tools.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

// An example that names self-hosted runner labels declares them, as its users would, in .github/actionlint.yaml.
const workflowsIn = (name: string, folder: string) => {
  const config = join(folder, "..", "actionlint.yaml");
  const configFile = existsSync(config) ? config : undefined;
  return existsSync(folder) ? readdirSync(folder).map((file) => ({ name: `${name}/${file}`, file: join(folder, file), configFile })) : [];
};
const workflows = [
  ...Object.entries(GOLDEN_CASES).flatMap(([caseName, builds]) =>
    Object.entries(builds)
      .filter(([, build]) => build.target === "github-actions")
      .flatMap(([buildName]) => workflowsIn(caseName, join(repoRoot, "test", "golden", "cases", caseName, "expected", buildName, ".github", "workflows"))),
  ),
  ...examplesBuiltFor("github-actions").flatMap((example) => workflowsIn(example.name, join(example.directory, ".github", "workflows"))),
];

/**
 * zizmor's auditor persona reports these on workflows the user's pipeline shapes, and orchc cannot
 * decide for the user (docs/github-actions.md, "zizmor's auditor persona", says what to do):
 * self-hosted runners the pipeline names, and secrets used in a job without a GitHub environment.
 */
const AUDITOR_EXPLAINED = ["self-hosted-runner", "secrets-outside-env"];

/**
 * Reported by every persona on a job that calls another pipeline's workflow: zizmor (1.30 on) asks for
 * the `$/` form of a local call, which actionlint 1.7.12 refuses, so orchc
 * writes `./.github/workflows/<id>.yml` (docs/github-actions.md, "Pipelines that start pipelines").
 */
const CALL_FORM_EXPLAINED = ["self-repository"];
/**
 * zizmor flags every `workflow_run` (a pipeline that runs after another); orchc reviews it in the
 * workflow, with an ignore comment on that very line saying why (docs/github-actions.md, "Triggers").
 * These runs keep --no-ignores, so the finding is seen and accepted only there.
 */
const reviewedTrigger = (file: string, line: number) => readFileSync(file, "utf8").split("\n")[line - 1]?.includes("workflow_run: # zizmor: ignore[dangerous-triggers] ") === true;
/** zizmor's exit status: 0 clean, else 11-14 by the highest severity found (ignored findings included under --no-ignores). */
const exitFor = (result: ReturnType<typeof runZizmor>) =>
  Math.max(0, ...result.diagnostics.map((diagnostic) => ({ Informational: 11, Low: 12, Medium: 13, High: 14, Unknown: 0 })[diagnostic.severity]));
const unexplainedFindings = (result: ReturnType<typeof runZizmor>, file: string) =>
  result.diagnostics
    .filter((diagnostic) => !CALL_FORM_EXPLAINED.includes(diagnostic.rule) && !(diagnostic.rule === "dangerous-triggers" && reviewedTrigger(file, diagnostic.line)))
    .map((diagnostic) => `${diagnostic.line}: ${diagnostic.message} [${diagnostic.rule}]`);

const missing = actionlintBinary() === null || zizmorBinary() === null;
if (missing) console.warn(githubToolsMissingReason());

describe.skipIf(missing)("generated workflows pass actionlint (with shellcheck) and zizmor", () => {
  it("has workflows to check", () => {
    expect(workflows.length).toBeGreaterThanOrEqual(4);
  });
  for (const workflow of workflows) {
    it(`${workflow.name}: actionlint`, () => {
      const result = runActionlint([workflow.file], workflow.configFile === undefined ? {} : { configFile: workflow.configFile });
      expect(result.findings).toEqual([]);
      expect(result.status).toBe(0);
    });
    it(`${workflow.name}: GitHub's workflow parser reads it without an error`, () => {
      expect(parseGithubWorkflow(readFileSync(workflow.file, "utf8")).errors).toEqual([]);
    });
    it(`${workflow.name}: zizmor`, () => {
      const result = runZizmor([workflow.file]);
      expect(unexplainedFindings(result, workflow.file)).toEqual([]);
      expect(result.status).toBe(exitFor(result));
    });
    it(`${workflow.name}: zizmor --persona pedantic`, () => {
      const result = runZizmor([workflow.file], { persona: "pedantic" });
      expect(unexplainedFindings(result, workflow.file)).toEqual([]);
      expect(result.status).toBe(exitFor(result));
    });
    it(`${workflow.name}: zizmor --persona auditor finds only what docs/github-actions.md explains`, () => {
      const result = runZizmor([workflow.file], { persona: "auditor" });
      const unexplained = result.diagnostics.filter((diagnostic) => ![...AUDITOR_EXPLAINED, ...CALL_FORM_EXPLAINED].includes(diagnostic.rule) && !(diagnostic.rule === "dangerous-triggers" && reviewedTrigger(workflow.file, diagnostic.line)));
      expect(unexplained.map((diagnostic) => `${diagnostic.line}: ${diagnostic.message} [${diagnostic.rule}]`)).toEqual([]);
    });
  }

  it("docs/github-actions.md explains each auditor finding it accepts", () => {
    const docs = readFileSync(join(repoRoot, "docs", "github-actions.md"), "utf8");
    for (const rule of [...AUDITOR_EXPLAINED, ...CALL_FORM_EXPLAINED, "dangerous-triggers"]) expect(docs).toContain(`\`${rule}\``);
  });
});
