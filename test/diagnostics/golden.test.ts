import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../e2e/cli-helpers.js";

// Each case is a small project whose `orchc validate` stderr is pinned byte for byte, so a change
// to a message, a hint or a position shows up in review. UPDATE_GOLDEN=1 rewrites expected.txt;
// read the diff before committing it.
const casesDir = fileURLToPath(new URL("./cases", import.meta.url));
const update = process.env.UPDATE_GOLDEN === "1";
const PIPELINE_FILES = ["pipeline.ts", "pipeline.yaml", "pipeline.json"];

const cases = readdirSync(casesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

beforeAll(assertCliBuilt);

describe("diagnostics golden files", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)("%s", (name) => {
    const directory = join(casesDir, name);
    const file = PIPELINE_FILES.find((candidate) => existsSync(join(directory, candidate)));
    expect(file, `${name} holds none of ${PIPELINE_FILES.join(", ")}`).toBeDefined();
    // Without its own package.json a case would be part of the monorepo's project root.
    expect(existsSync(join(directory, "package.json")), `${name} needs a package.json`).toBe(true);

    const result = runCli(["validate", file!], { cwd: directory });
    expect(result.stdout).toBe("");
    const actual = `exit: ${result.status}\n${result.stderr}`;
    const expectedPath = join(directory, "expected.txt");
    if (update) {
      writeFileSync(expectedPath, actual);
      return;
    }
    expect(existsSync(expectedPath), `${name}/expected.txt is missing; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(actual).toBe(readFileSync(expectedPath, "utf8"));
  });
});
