import { targets } from "@orchc/targets";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildCase } from "./build-case.js";
import { GOLDEN_CASES } from "./golden-cases.js";

const casesDirectory = join(dirname(fileURLToPath(import.meta.url)), "cases");
const update = process.env.UPDATE_GOLDEN === "1";

function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("golden files (UPDATE_GOLDEN=1 rewrites them)", () => {
  it("has a table entry for every case folder", () => {
    const folders = readdirSync(casesDirectory).filter((name) => !name.startsWith(".") && statSync(join(casesDirectory, name)).isDirectory());
    expect(folders.sort()).toEqual(Object.keys(GOLDEN_CASES).sort());
  });

  for (const [caseName, builds] of Object.entries(GOLDEN_CASES)) {
    for (const [buildName, build] of Object.entries(builds)) {
      it(`${caseName}: ${buildName}`, async () => {
        const expectedDirectory = join(casesDirectory, caseName, "expected", buildName);
        const built = await buildCase(join(casesDirectory, caseName, "pipeline.ts"), targets[build.target], build.options, build.environment ?? null);
        if (update) {
          rmSync(expectedDirectory, { recursive: true, force: true });
          for (const file of built) {
            mkdirSync(dirname(join(expectedDirectory, file.path)), { recursive: true });
            writeFileSync(join(expectedDirectory, file.path), file.text);
          }
        }
        const expected = filesUnder(expectedDirectory).map((path) => relative(expectedDirectory, path).split("\\").join("/"));
        expect(built.map((file) => file.path).sort()).toEqual(expected.sort());
        for (const file of built) expect(file.text, file.path).toBe(readFileSync(join(expectedDirectory, file.path), "utf8"));
      });
    }
  }
});
