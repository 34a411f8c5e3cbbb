// Every bundle orchc generates for Databricks that the conformance suite checks: the golden cases
// built for databricks and the examples built for databricks. One list, so each judge (the JSON
// schema, the real CLI, Databricks' Python models) checks the same bundles.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GOLDEN_CASES } from "../../golden/golden-cases.js";
import { examplesBuiltFor } from "../../examples.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface GeneratedBundle {
  readonly name: string;
  readonly directory: string;
}

export const generatedBundles: ReadonlyArray<GeneratedBundle> = [
  ...Object.entries(GOLDEN_CASES).flatMap(([caseName, builds]) =>
    Object.entries(builds)
      .filter(([, build]) => build.target === "databricks")
      .map(([buildName]) => ({ name: `${caseName}/${buildName}`, directory: join(repoRoot, "test", "golden", "cases", caseName, "expected", buildName) })),
  ),
  ...examplesBuiltFor("databricks").map((example) => ({ name: example.name, directory: example.directory })),
];
