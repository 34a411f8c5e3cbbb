// `tsc --noEmit` on a 1,000-task pipeline written with the DSL against the same pipeline as untyped
// plain objects, with the TypeScript users get by default (the repository's) and with 5.9; and at
// 10,000 tasks, the DSL with a top-level const per task (quadratic in TypeScript's control-flow
// analysis) against the same statements in functions of 100 (docs/large-pipelines.md).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { dslGroupedPipeline, dslPipeline, plainPipeline } from "./generate-pipeline.mjs";

const tsconfig = (file) => ({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: true, types: [] }, files: [file] });

export function benchTsc({ work, measure, compilers }) {
  writeFileSync(join(work, "tsc-dsl-1000.ts"), dslPipeline(1000));
  writeFileSync(join(work, "tsc-plain-1000.ts"), plainPipeline(1000));
  writeFileSync(join(work, "tsc-dsl-10000.ts"), dslPipeline(10000));
  writeFileSync(join(work, "tsc-grouped-10000.ts"), dslGroupedPipeline(10000));
  writeFileSync(join(work, "tsc-plain-10000.ts"), plainPipeline(10000));
  for (const name of ["dsl-1000", "plain-1000", "dsl-10000", "grouped-10000", "plain-10000"]) writeFileSync(join(work, `tsconfig.${name}.json`), JSON.stringify(tsconfig(`tsc-${name}.ts`)));
  const results = [];
  const comparisons = [];
  for (const tsc of compilers) {
    const version = spawnSync(process.execPath, [tsc, "--version"], { encoding: "utf8" }).stdout.trim().replace("Version ", "");
    const dsl = measure(`tsc ${version} --noEmit, 1,000 tasks, DSL builder`, process.execPath, [tsc, "-p", "tsconfig.dsl-1000.json"]);
    const plain = measure(`tsc ${version} --noEmit, 1,000 tasks, untyped plain objects`, process.execPath, [tsc, "-p", "tsconfig.plain-1000.json"]);
    // ~16 s each: one timed run after the warm-up is the figure, and the reason for the next row.
    const flat = measure(`tsc ${version} --noEmit, 10,000 tasks, DSL builder, one const per task at top level`, process.execPath, [tsc, "-p", "tsconfig.dsl-10000.json"], { runs: 1 });
    const grouped = measure(`tsc ${version} --noEmit, 10,000 tasks, DSL builder in functions of 100 tasks`, process.execPath, [tsc, "-p", "tsconfig.grouped-10000.json"]);
    const plain10k = measure(`tsc ${version} --noEmit, 10,000 tasks, untyped plain objects`, process.execPath, [tsc, "-p", "tsconfig.plain-10000.json"]);
    results.push(dsl, plain, flat, grouped, plain10k);
    comparisons.push({ version, ratio: dsl.median / plain.median, flatRatio10k: flat.median / plain10k.median, groupedRatio10k: grouped.median / plain10k.median });
  }
  return { results, comparisons };
}
