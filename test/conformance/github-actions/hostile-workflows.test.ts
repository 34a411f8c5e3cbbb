// Not only the golden and example workflows: workflows with hostile text in every string position
// (test/hardening/github-positions.ts: names, descriptions, params, env values and template parts,
// command text, runner labels, from the hardening corpus) pass actionlint with shellcheck and zizmor
// with no findings, under zizmor's regular and pedantic personas. A fixed seed, printed, so CI never
// fails by chance; GITHUB_POSITIONS_SEED replays or explores another sample.
import { compile } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GITHUB_POSITIONS_SEED, githubSpecOf, githubTexts } from "../../hardening/github-positions.js";
import { actionlintBinary, githubToolsMissingReason, runActionlint, runZizmor, zizmorBinary } from "./github-tools.js";

const CASES = Number(process.env.HOSTILE_WORKFLOWS ?? 60);
const SEED = GITHUB_POSITIONS_SEED;
const missing = actionlintBinary() === null || zizmorBinary() === null;

describe.skipIf(missing)(`${CASES} workflows with hostile text in every string position (seed ${SEED}; GITHUB_POSITIONS_SEED replays)`, () => {
  const folder = mkdtempSync(join(tmpdir(), "orchc-hostile-workflows-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const files = fc.sample(fc.tuple(githubTexts, fc.boolean()), { numRuns: CASES, seed: SEED }).flatMap(([texts, inProd], index) => {
    const environment = inProd ? "prod" : null;
    const result = compile({ loaded: githubSpecOf(texts, environment), target: targets["github-actions"], environment, options: {}, orchcVersion: "0.0.0-test" });
    // A text too long to keep `${{` literal is refused (ORC320): nothing to lint.
    if (result.files.length === 0) return [];
    const directory = join(folder, `case-${index}`, ".github", "workflows");
    mkdirSync(directory, { recursive: true });
    const file = join(directory, "positions.yml");
    writeFileSync(file, result.files[0]!.contents);
    // The runner labels are hostile text too: declared, as a repository using them would.
    // actionlint reads them as glob patterns (Go's path.Match): its metacharacters are escaped.
    const patterns = texts.labels.map((label) => label.replace(/[\\*?[]/g, "\\$&"));
    writeFileSync(join(directory, "..", "actionlint.yaml"), `self-hosted-runner:\n  labels: ${JSON.stringify(patterns)}\n`);
    return [{ file, config: join(directory, "..", "actionlint.yaml") }];
  });

  it("builds most of the sample (an empty runner label or choice is refused)", () => {
    expect(files.length).toBeGreaterThan(CASES * 0.8);
  });

  it("actionlint (with shellcheck on every run: script) finds nothing", () => {
    const findings = files.flatMap(({ file, config }) => runActionlint([file], { configFile: config, timeoutMs: 240_000 }).findings);
    expect(findings).toEqual([]);
  });

  it("zizmor finds nothing, regular and pedantic", () => {
    for (const persona of ["regular", "pedantic"] as const) {
      const result = runZizmor(files.map(({ file }) => file), { persona });
      expect(result.findings, persona).toEqual([]);
      expect(result.status).toBe(0);
    }
  });
});

if (missing) console.warn(githubToolsMissingReason());
