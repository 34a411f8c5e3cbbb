// What users commit and review: the bytes each target writes for the 1,000-task pipeline, read from
// the builds section's output folders (null when that section did not run).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildLabel } from "./build-bench.mjs";

const bytesUnder = (folder) =>
  readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);

export function builtSizes(work) {
  const sizes = {};
  for (const target of ["airflow", "github-actions", "local", "databricks"]) {
    const folder = join(work, "out", buildLabel(target, 1000).replace(/[^a-z0-9]+/gi, "-"));
    sizes[target] = existsSync(folder) ? bytesUnder(folder) : null;
  }
  return sizes;
}
