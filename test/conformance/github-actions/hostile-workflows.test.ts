// Not only the golden and example workflows: workflows generated from hostile strings (the
// hardening corpus, a printed seed) pass actionlint with shellcheck and zizmor with no findings.
import { compile } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hostileValues, specOf } from "../../hardening/hostile-corpus.js";
import { actionlintBinary, githubToolsMissingReason, runActionlint, runZizmor, zizmorBinary } from "./github-tools.js";

const CASES = Number(process.env.HOSTILE_WORKFLOWS ?? 60);
const SEED = process.env.HOSTILE_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.HOSTILE_SEED);
const missing = actionlintBinary() === null || zizmorBinary() === null;

describe.skipIf(missing)(`${CASES} workflows from hostile strings (seed ${SEED}; HOSTILE_SEED replays)`, () => {
  const folder = mkdtempSync(join(tmpdir(), "orchc-hostile-workflows-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const files = fc.sample(hostileValues, { numRuns: CASES, seed: SEED }).map((values, index) => {
    const result = compile({ loaded: specOf(values, "shell"), target: targets["github-actions"], environment: null, options: {}, orchcVersion: "0.0.0-test" });
    const directory = join(folder, `case-${index}`, ".github", "workflows");
    mkdirSync(directory, { recursive: true });
    const file = join(directory, "hostile.yml");
    writeFileSync(file, result.files[0]!.contents);
    return file;
  });

  it("actionlint (with shellcheck on every run: script) finds nothing", () => {
    const result = runActionlint(files, { timeoutMs: 240_000 });
    expect(result.findings).toEqual([]);
    expect(result.status).toBe(0);
  });

  it("zizmor finds nothing", () => {
    const result = runZizmor(files);
    expect(result.findings).toEqual([]);
    expect(result.status).toBe(0);
  });
});

if (missing) console.warn(githubToolsMissingReason());
