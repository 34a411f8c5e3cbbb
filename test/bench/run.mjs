// `npm run bench`: how fast `orchc build` and `tsc` are on generated pipelines. Not a test: it
// measures and reports (bench/results/latest.json and a table on stdout), and asserts nothing.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dslPipeline, plainPipeline } from "./generate-pipeline.mjs";
import { benchLocalRunner } from "./local-runner.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// Inside the repository, so `import "orchc"` resolves through the workspace's node_modules.
const work = join(repo, ".cache", "bench");
const orchc = join(repo, "packages", "cli", "bin", "orchc.js");
const probe = join(repo, "test", "bench", "rss-probe.mjs");
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
const runs = Number(process.env.BENCH_RUNS ?? 5);

function measure(label, command, args, options = {}) {
  const samples = [];
  for (let run = -1; run < runs; run++) {
    const rssFile = join(work, "rss.txt");
    rmSync(rssFile, { force: true });
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: options.cwd ?? work, encoding: "utf8", env: { ...process.env, ORCHC_RSS_FILE: rssFile, NO_COLOR: "1" } });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== (options.expectStatus ?? 0)) throw new Error(`${label} exited ${result.status}: ${result.stderr}${result.stdout}`);
    if (run < 0) continue; // warm-up
    let rssMiB = null;
    try {
      rssMiB = Number(readFileSync(rssFile, "utf8").trim()) / 1024;
    } catch {}
    samples.push({ seconds, rssMiB });
  }
  const sorted = samples.map((sample) => sample.seconds).sort((a, b) => a - b);
  const rss = samples.map((sample) => sample.rssMiB).filter((value) => value !== null);
  return {
    label,
    median: sorted[Math.floor(sorted.length / 2)],
    min: sorted[0],
    max: sorted[sorted.length - 1],
    peakRssMiB: rss.length > 0 ? Math.max(...rss) : null,
  };
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
writeFileSync(join(work, "package.json"), JSON.stringify({ name: "orchc-bench", private: true, type: "module" }));
const tsconfig = (file) => ({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: true }, files: [file] });

const results = [];
// BENCH_ONLY=local measures the local runner alone.
const only = process.env.BENCH_ONLY ?? null;
results.push(measure("node -e 0 (floor)", process.execPath, ["-e", "0"]));
const local = only === null || only === "local" ? benchLocalRunner({ work, orchc, measure }) : null;
if (local) results.push(...local.results);
for (const count of only === null ? [1000, 10000] : []) {
  const file = `dsl-${count}.ts`;
  writeFileSync(join(work, file), dslPipeline(count));
  for (const target of ["ir", "airflow", "github-actions"]) {
    results.push(measure(`orchc build --target ${target}, ${count} tasks`, process.execPath, ["--import", probe, orchc, "build", file, "--target", target, "--out", `out-${target}-${count}`]));
  }
  // Databricks runs no shell tasks: the same graph with notebook tasks.
  const notebooks = `dsl-notebooks-${count}.ts`;
  writeFileSync(join(work, notebooks), dslPipeline(count, "notebook"));
  results.push(measure(`orchc build --target databricks, ${count} tasks`, process.execPath, ["--import", probe, orchc, "build", notebooks, "--target", "databricks", "--out", `out-databricks-${count}`]));
}
writeFileSync(join(work, "plain-1000.ts"), plainPipeline(1000));
for (const [name, file] of only === null ? [["dsl", "dsl-1000.ts"], ["plain", "plain-1000.ts"]] : []) {
  writeFileSync(join(work, `tsconfig.${name}.json`), JSON.stringify(tsconfig(file)));
  results.push(measure(`tsc --noEmit, 1000 tasks, ${name === "dsl" ? "DSL builder" : "untyped plain objects"}`, process.execPath, [tsc, "-p", `tsconfig.${name}.json`]));
}

const byLabel = Object.fromEntries(results.map((result) => [result.label, result]));
const tscRatio = only === null ? byLabel["tsc --noEmit, 1000 tasks, DSL builder"].median / byLabel["tsc --noEmit, 1000 tasks, untyped plain objects"].median : null;
const tscVersion = spawnSync(process.execPath, [tsc, "--version"], { encoding: "utf8" }).stdout.trim();
const summary = {
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  typescript: tscVersion,
  runs,
  results,
  ratios: { tscDslOverPlain: tscRatio, ...(local?.ratios ?? {}) },
};
mkdirSync(join(repo, "bench", "results"), { recursive: true });
writeFileSync(join(repo, "bench", "results", "latest.json"), `${JSON.stringify(summary, null, 2)}\n`);

const row = (result) =>
  `| ${result.label} | ${result.median.toFixed(3)} s | ${result.min.toFixed(3)}–${result.max.toFixed(3)} s | ${result.peakRssMiB === null ? "–" : `${result.peakRssMiB.toFixed(0)} MiB`} |`;
console.log(`machine: ${summary.machine.cpus} cores, ${summary.machine.memoryGiB} GiB, node ${process.version}, ${tscVersion}; median of ${runs} after a warm-up\n`);
console.log("| what | median | min–max | peak RSS |\n|---|---|---|---|");
for (const result of results) console.log(row(result));
if (tscRatio !== null) console.log(`\ntsc ratio DSL / plain objects: ${tscRatio.toFixed(2)}×`);
if (local) {
  const { ratios } = local;
  console.log(`local runner, 1,000 no-op tasks at 2 slots: ${ratios.localRunnerPerTaskSlotMs.toFixed(2)} ms per task·slot vs make -j2 ${ratios.makePerTaskSlotMs.toFixed(2)} ms (${ratios.localRunnerOverMakeNoop.toFixed(2)}×; goal ≤ 2×)`);
  console.log(`local runner, sleep DAG: ${ratios.localRunnerOverSleepOptimum.toFixed(3)}× its 2-slot optimum (goal ≤ 1.10×); make -j2 ${ratios.makeOverSleepOptimum.toFixed(3)}×`);
}
