// `tsc --noEmit` on a 1,000-task pipeline written with the DSL against the same pipeline as untyped
// plain objects, with the TypeScript users get by default (the repository's) and with 5.9.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { dslPipeline, plainPipeline } from "./generate-pipeline.mjs";

const tsconfig = (file) => ({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: true }, files: [file] });

export function benchTsc({ work, measure, compilers }) {
  writeFileSync(join(work, "tsc-dsl-1000.ts"), dslPipeline(1000));
  writeFileSync(join(work, "tsc-plain-1000.ts"), plainPipeline(1000));
  for (const name of ["dsl", "plain"]) writeFileSync(join(work, `tsconfig.${name}.json`), JSON.stringify(tsconfig(`tsc-${name}-1000.ts`)));
  const results = [];
  const comparisons = [];
  for (const tsc of compilers) {
    const version = spawnSync(process.execPath, [tsc, "--version"], { encoding: "utf8" }).stdout.trim().replace("Version ", "");
    const dsl = measure(`tsc ${version} --noEmit, 1,000 tasks, DSL builder`, process.execPath, [tsc, "-p", "tsconfig.dsl.json"]);
    const plain = measure(`tsc ${version} --noEmit, 1,000 tasks, untyped plain objects`, process.execPath, [tsc, "-p", "tsconfig.plain.json"]);
    results.push(dsl, plain);
    comparisons.push({ version, ratio: dsl.median / plain.median });
  }
  return { results, comparisons };
}
