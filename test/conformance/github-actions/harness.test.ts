// Proves the GitHub Actions conformance harness itself on hand-written workflows in fixtures/ (never
// orchc output), so that a finding on a generated workflow can be trusted to be about the workflow,
// and a clean run to mean the tools really looked. Also pins down how actionlint and zizmor treat
// the constructs the target is expected to emit (the "probes" block), so a version bump that
// changes a verdict shows up here first.
//
// Needs scripts/provision-github-tools.sh; skips without it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  actionlintBinary,
  githubToolVersions,
  githubToolsDescription,
  githubToolsMissingReason,
  runActionlint,
  runZizmor,
  type ZizmorDiagnostic,
} from "./github-tools.js";

const fixtureDir = "test/conformance/github-actions/fixtures";
const fixture = (name: string) => `${fixtureDir}/${name}.yml`;

/** The 1-based line of the only line of the fixture that contains text, so edits to comments cannot break the tests. */
function lineOf(name: string, text: string): number {
  const lines = readFileSync(fixture(name), "utf8").split("\n");
  const hits = lines.flatMap((line, index) => (line.includes(text) ? [index + 1] : []));
  if (hits.length !== 1)
    throw new Error(`${fixture(name)} has ${hits.length} lines containing ${JSON.stringify(text)}`);
  return hits[0] as number;
}

const rules = (diagnostics: readonly { rule: string }[]) => [...new Set(diagnostics.map((d) => d.rule))].sort();
const at = (diagnostics: readonly ZizmorDiagnostic[], rule: string) =>
  diagnostics.filter((d) => d.rule === rule).map((d) => d.line);

const missing = githubToolsMissingReason();
if (missing !== null) console.warn(`[conformance] GitHub Actions linter tests skipped: ${missing}`);

describe.skipIf(missing !== null)("GitHub Actions linters (actionlint + shellcheck, zizmor)", () => {
  it("are the pinned versions", () => {
    const description = githubToolsDescription();
    console.info(`[conformance] ${description}`);
    expect(description).toContain(`actionlint v${githubToolVersions.actionlint}`);
    expect(description).toMatch(new RegExp(`zizmor ${githubToolVersions.zizmor.replaceAll(".", "\\.")}\\.\\d+`));
  });

  describe("hardened workflow", () => {
    it("passes actionlint, custom bash shell line included", () => {
      expect(runActionlint([fixture("hardened")])).toMatchObject({ status: 0, findings: [] });
    });

    it("passes zizmor at the default persona", () => {
      expect(runZizmor([fixture("hardened")])).toMatchObject({ status: 0, findings: [] });
    });

    it("gets only anonymous-definition from the pedantic persona, once per job without name:", () => {
      const { diagnostics } = runZizmor([fixture("hardened")], { persona: "pedantic" });
      expect(rules(diagnostics)).toEqual(["anonymous-definition"]);
      expect(at(diagnostics, "anonymous-definition")).toEqual([
        lineOf("hardened", "  extract:"),
        lineOf("hardened", "  transform:"),
        lineOf("hardened", "  report:"),
      ]);
    });

    it("draws nothing about concurrency with cancel-in-progress: false, even from the auditor persona", () => {
      // concurrency-limits (pedantic) fires only when concurrency is missing or has no
      // cancel-in-progress at all; false is an answer, like true.
      const { diagnostics } = runZizmor([fixture("hardened")], { persona: "auditor" });
      expect(rules(diagnostics)).toEqual(["anonymous-definition"]);
    });
  });

  describe("insecure workflow", () => {
    it("gets zizmor's injection, pinning, permission and credential findings", () => {
      const result = runZizmor([fixture("insecure")]);
      expect(result.status).toBe(14); // 14: the worst finding is high
      expect(rules(result.diagnostics)).toEqual([
        "artipacked",
        "excessive-permissions",
        "template-injection",
        "unpinned-uses",
      ]);
      expect(at(result.diagnostics, "template-injection")).toEqual([
        lineOf("insecure", "inputs.table }}"),
        lineOf("insecure", "head_commit.message"),
      ]);
      expect(at(result.diagnostics, "unpinned-uses")).toEqual([lineOf("insecure", "actions/checkout@v4")]);
      expect(at(result.diagnostics, "artipacked")).toEqual([lineOf("insecure", "actions/checkout@v4")]);
      expect(at(result.diagnostics, "excessive-permissions")).toEqual([lineOf("insecure", "  rebuild:")]);
    });

    it("gets from actionlint only the untrusted github.event context, not the input, the tag pin or the permissions", () => {
      // actionlint is no security linter: `inputs.*` is not on its untrusted list, and it has no
      // opinion on pins or permissions. zizmor is what guards those.
      const result = runActionlint([fixture("insecure")]);
      expect(result.status).toBe(1);
      expect(result.diagnostics.map((d) => [d.rule, d.line])).toEqual([
        ["expression", lineOf("insecure", "head_commit.message")],
      ]);
      expect(result.findings[0]).toContain('"github.event.head_commit.message" is potentially untrusted');
    });

    it("the pedantic persona adds the workflow-level permissions, the missing concurrency and the unnamed job", () => {
      const key = (d: ZizmorDiagnostic) => `${d.rule}@${d.line}:${d.column}`;
      const regular = new Set(runZizmor([fixture("insecure")]).diagnostics.map(key));
      const added = runZizmor([fixture("insecure")], { persona: "pedantic" }).diagnostics.filter(
        (d) => !regular.has(key(d)),
      );
      expect(added.map((d) => d.rule).sort()).toEqual([
        "anonymous-definition",
        "concurrency-limits",
        "excessive-permissions",
      ]);
    });
  });

  describe("shellcheck through actionlint", () => {
    it("reports SC2086 in a default-shell script and in a `bash --noprofile --norc -euo pipefail {0}` one", () => {
      const result = runActionlint([fixture("shellcheck-warning")]);
      expect(result.status).toBe(1);
      expect(result.diagnostics.map((d) => [d.rule, d.line])).toEqual([
        ["shellcheck", lineOf("shellcheck-warning", "run: |")],
        ["shellcheck", lineOf("shellcheck-warning", "run: rm -rf $TARGET_DIR")],
      ]);
      for (const finding of result.findings) expect(finding).toContain("SC2086");
    });

    it("would pass the same file silently without shellcheck, which is why runActionlint insists on it", () => {
      const binary = actionlintBinary() as string;
      const result = spawnSync(binary, ["-shellcheck=", "-pyflakes=", fixture("shellcheck-warning")], {
        encoding: "utf8",
      });
      expect(result.status).toBe(0);
      expect(result.stdout).toBe("");
    });

    it("is invisible to zizmor", () => {
      expect(runZizmor([fixture("shellcheck-warning")]).findings).toEqual([]);
    });
  });

  describe("broken references", () => {
    it("get actionlint's expression, job-needs and events findings", () => {
      const result = runActionlint([fixture("broken-references")]);
      expect(result.diagnostics.map((d) => [d.rule, d.line])).toEqual([
        ["events", lineOf("broken-references", "timezone: Mars/Olympus_Mons")],
        ["expression", lineOf("broken-references", "inputs.tabel")],
        ["job-needs", lineOf("broken-references", "  publish:")],
      ]);
    });

    it("are not zizmor's business", () => {
      expect(runZizmor([fixture("broken-references")]).findings).toEqual([]);
    });
  });

  describe("a file that is not a valid workflow", () => {
    it("gets actionlint syntax-check findings", () => {
      expect(rules(runActionlint([fixture("not-a-workflow")]).diagnostics)).toEqual(["syntax-check"]);
    });

    it("makes runZizmor throw instead of zizmor skipping it and reporting nothing", () => {
      expect(() => runZizmor([fixture("hardened"), fixture("not-a-workflow")])).toThrow(
        /failed to load .*not-a-workflow\.yml as workflow/,
      );
    });
  });

  describe("probes: constructs the target may emit", () => {
    it("actionlint 1.7.12 accepts on.schedule[].timezone with an IANA name, and the other probes", () => {
      expect(runActionlint([fixture("probes")])).toMatchObject({ status: 0, findings: [] });
    });

    describe("with timezone variants", () => {
      // Made on first use, not at collection, which also happens when the suite is skipped.
      let scratch: string | undefined;
      afterAll(() => {
        if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
      });
      const withTimezone = (value: string) => {
        scratch ??= mkdtempSync(join(tmpdir(), "orchc-gha-probe-"));
        const file = join(scratch, `tz-${value.replace(/\W/g, "_")}.yml`);
        writeFileSync(
          file,
          readFileSync(fixture("probes"), "utf8").replace("timezone: Europe/Berlin", `timezone: ${value}`),
        );
        return file;
      };

      it("actionlint rejects `UTC` (and `Local`) but accepts `Etc/UTC`", () => {
        // Its check refuses the names time.LoadLocation special-cases even where they are valid
        // IANA links, so a target wanting UTC should write Etc/UTC or leave timezone out.
        for (const value of ["UTC", "Local"]) {
          expect(runActionlint([withTimezone(value)]).findings).toEqual([
            expect.stringContaining(`invalid timezone "${value}" in schedule event`),
          ]);
        }
        expect(runActionlint([withTimezone("Etc/UTC")]).findings).toEqual([]);
      });
    });

    it("zizmor's default persona flags none of them", () => {
      expect(runZizmor([fixture("probes")])).toMatchObject({ status: 0, findings: [] });
    });

    it("zizmor's pedantic persona flags ${{ '${{' }} inside run: (low severity), not inside env:", () => {
      const { diagnostics } = runZizmor([fixture("probes")], { persona: "pedantic" });
      const injections = diagnostics.filter((d) => d.rule === "template-injection");
      expect(injections.map((d) => [d.line, d.severity])).toEqual([
        [lineOf("probes", `run: echo "template \${{ '\${{' }} ds }}"`), "Low"],
      ]);
      expect(rules(diagnostics)).toEqual(["anonymous-definition", "template-injection"]);
    });

    it("zizmor's auditor persona adds secrets-outside-env for secrets.X in step env:, nothing for github.event_name", () => {
      const { diagnostics } = runZizmor([fixture("probes")], { persona: "auditor" });
      // The whole list, so a finding about EVENT_NAME (or the timezone) would show up as a difference.
      expect(diagnostics.map((d) => [d.rule, d.line, d.severity])).toEqual([
        ["template-injection", lineOf("probes", `run: echo "template \${{ '\${{' }} ds }}"`), "Low"],
        ["anonymous-definition", lineOf("probes", "  probe:"), "Informational"],
        ["secrets-outside-env", lineOf("probes", "${{ secrets.ORCHC_API_TOKEN }}"), "Medium"],
      ]);
    });
  });
});
