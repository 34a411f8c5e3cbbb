// The same workflow from orchc and from github-actions-workflow-ts (`gwf build`, as shipped and
// with TS_NODE_TRANSPILE_ONLY=true). The .wac.ts file is written from orchc's own output, so both
// tools produce the same jobs; the benchmark checks that they do before it reports a ratio.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { dslPipeline } from "./generate-pipeline.mjs";

export const GWF_SIZES = [200, 1000];

const literal = (value) => JSON.stringify(value);

/** TypeScript that builds `workflow` (parsed YAML) with the library's classes, one job per statement. */
function wacSource(workflow) {
  const { jobs, ...properties } = workflow;
  const ids = Object.keys(jobs);
  const variable = new Map(ids.map((id, index) => [id, `job${index}`]));
  const lines = ['import { NormalJob, Step, Workflow } from "github-actions-workflow-ts";', `export const bench = new Workflow("bench", ${literal(properties)});`];
  for (const id of ids) {
    const { needs, steps, ...job } = jobs[id];
    lines.push(`const ${variable.get(id)} = new NormalJob(${literal(id)}, ${literal(job)});`);
    lines.push(`${variable.get(id)}.addSteps([${steps.map((step) => `new Step(${literal(step)})`).join(", ")}]);`);
    if (needs) lines.push(`${variable.get(id)}.needs([${needs.map((need) => variable.get(need)).join(", ")}]);`);
    lines.push(`bench.addJob(${variable.get(id)});`);
  }
  return `${lines.join("\n")}\n`;
}

/** Key order aside (the library writes `needs` last), the same data. */
const canonical = (value) =>
  Array.isArray(value) ? value.map(canonical) : value !== null && typeof value === "object" ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])])) : value;
const jobsOf = (file) => JSON.stringify(canonical(parse(readFileSync(file, "utf8")).jobs));

export function benchGwf({ work, orchc, probe, measure, peers }) {
  const results = [];
  const comparisons = [];
  const gwfWork = join(peers.folder, ".work");
  for (const count of GWF_SIZES) {
    const file = `gwf-${count}.ts`;
    writeFileSync(join(work, file), dslPipeline(count));
    const orchcResult = measure(`orchc build github-actions, ${count} jobs`, process.execPath, ["--import", probe, orchc, "build", file, "--target", "github-actions", "--out", `gwf-orchc-${count}`]);
    const orchcFile = join(work, `gwf-orchc-${count}`, ".github", "workflows", `bench_${count}.yml`);

    rmSync(gwfWork, { recursive: true, force: true });
    mkdirSync(gwfWork, { recursive: true });
    // A tsconfig of its own, or ts-node takes the repository's and loads its TypeScript 7.
    writeFileSync(join(gwfWork, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, module: "commonjs", target: "ES2020", esModuleInterop: true, skipLibCheck: true } }));
    writeFileSync(join(gwfWork, "bench.wac.ts"), wacSource(parse(readFileSync(orchcFile, "utf8"))));
    const shipped = measure(`gwf build (as shipped: ts-node type-checks), ${count} jobs`, process.execPath, [peers.gwf, "build"], { cwd: gwfWork });
    const transpileOnly = measure(`gwf build (TS_NODE_TRANSPILE_ONLY=true), ${count} jobs`, process.execPath, [peers.gwf, "build"], { cwd: gwfWork, env: { TS_NODE_TRANSPILE_ONLY: "true" } });
    const sameJobs = jobsOf(join(gwfWork, ".github", "workflows", "bench.yml")) === jobsOf(orchcFile);
    results.push(orchcResult, shipped, transpileOnly);
    comparisons.push({ count, sameJobs, shippedOverOrchc: shipped.median / orchcResult.median, transpileOnlyOverOrchc: transpileOnly.median / orchcResult.median });
  }
  return { results, comparisons };
}
