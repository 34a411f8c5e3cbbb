// The CI workflow `orchc init` writes into the user's repository (.github/workflows/orchc.yml), for
// each set of targets init accepts, read by GitHub's own parser and linted by actionlint (shellcheck on
// the run: scripts) and zizmor under its regular and pedantic personas, with zero findings allowed.
import { TARGET_NAMES, type TargetName } from "@orchc/targets/names";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ciWorkflow, CI_WORKFLOW_PATH } from "../../../packages/cli/src/init/ci-workflow.js";
import { DEFAULT_INIT_TARGETS, initTargets } from "../../../packages/cli/src/init/init-targets.js";
import { parseGithubWorkflow } from "../../hardening/github-workflow-parser.js";
import { actionlintBinary, githubToolsMissingReason, runActionlint, runZizmor, zizmorBinary } from "./github-tools.js";

// The default, one target, the README's pair, and the most init allows (all but databricks).
const TARGET_SETS: ReadonlyArray<ReadonlyArray<TargetName>> = [DEFAULT_INIT_TARGETS, ["databricks"], ["airflow", "databricks"], TARGET_NAMES.filter((name) => name !== "databricks")];

const missing = actionlintBinary() === null || zizmorBinary() === null;
if (missing) console.warn(githubToolsMissingReason());

describe.skipIf(missing)("the CI workflow orchc init writes passes GitHub's parser, actionlint and zizmor", () => {
  const folder = mkdtempSync(join(tmpdir(), "orchc-init-workflow-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  for (const targets of TARGET_SETS) {
    const label = targets.join(",");
    // Only sets init accepts: the workflow checked is one a user can get.
    const accepted = initTargets([label]);
    const file = join(folder, label, CI_WORKFLOW_PATH);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, ciWorkflow(accepted.targets));

    it(`${label}: init accepts the targets`, () => {
      expect(accepted).toEqual({ targets, diagnostics: [] });
    });
    it(`${label}: GitHub's workflow parser reads it without an error, and evaluates no expression but the concurrency group`, () => {
      const parsed = parseGithubWorkflow(readFileSync(file, "utf8"));
      expect(parsed.errors).toEqual([]);
      // GitHub reads `orchc-${{ github.ref }}` as one format() call.
      expect(parsed.expressions).toEqual(["format('orchc-{0}', github.ref)"]);
    });
    it(`${label}: actionlint`, () => {
      const result = runActionlint([file]);
      expect(result.findings).toEqual([]);
      expect(result.status).toBe(0);
    });
    it(`${label}: zizmor`, () => {
      const result = runZizmor([file]);
      expect(result.findings).toEqual([]);
      expect(result.status).toBe(0);
    });
    it(`${label}: zizmor --persona pedantic`, () => {
      const result = runZizmor([file], { persona: "pedantic" });
      expect(result.findings).toEqual([]);
      expect(result.status).toBe(0);
    });
  }
});
