// `orchc build` on generated pipelines of 100, 1,000 and 10,000 tasks: each target alone, and the
// three that can express one pipeline together in one process.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { dslPipeline } from "./generate-pipeline.mjs";

export const BUILD_SIZES = [100, 1000, 10000];
/** Shell tasks build for these; Databricks runs no shell, so it gets the same graph as notebooks. */
export const SHELL_TARGETS = ["airflow", "github-actions", "local"];
export const ALL_AT_ONCE = `all at once (${SHELL_TARGETS.join(", ")})`;

export const buildLabel = (target, count) => `orchc build ${target}, ${count} tasks`;

export function benchBuilds({ work, orchc, probe, measure }) {
  const results = [];
  for (const count of BUILD_SIZES) {
    writeFileSync(join(work, `dsl-${count}.ts`), dslPipeline(count));
    writeFileSync(join(work, `dsl-notebooks-${count}.ts`), dslPipeline(count, "notebook"));
    const build = (label, file, targets) =>
      measure(label, process.execPath, ["--import", probe, orchc, "build", file, ...targets.flatMap((target) => ["--target", target]), "--out", join("out", label.replace(/[^a-z0-9]+/gi, "-"))]);
    for (const target of SHELL_TARGETS) results.push(build(buildLabel(target, count), `dsl-${count}.ts`, [target]));
    results.push(build(buildLabel("databricks", count), `dsl-notebooks-${count}.ts`, ["databricks"]));
    results.push(build(buildLabel(ALL_AT_ONCE, count), `dsl-${count}.ts`, SHELL_TARGETS));
  }
  return results;
}
