// `node test/bench/run-watch.mjs`: the --watch section alone (after `npm run build`); prints its rows and goal.
// BENCH_WATCH_EDITS sets the timed edits (default 30).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMeasure } from "./measure.mjs";
import { benchWatch } from "./watch-bench.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// Inside the repository, so `import "orchc"` resolves through its node_modules.
const work = join(repo, ".cache", "bench-watch");
mkdirSync(work, { recursive: true });
writeFileSync(join(work, "package.json"), JSON.stringify({ name: "orchc-bench", private: true, type: "module" }));
const orchc = join(repo, "packages", "cli", "bin", "orchc.js");
const { results, goals } = benchWatch({ repo, work, orchc, measure: createMeasure({ work, runs: 1 }) });
for (const row of results) process.stdout.write(`${row.label}: median ${(row.median * 1000).toFixed(1)} ms, ${(row.min * 1000).toFixed(1)}–${(row.max * 1000).toFixed(1)} ms (${row.runs} edits)\n`);
for (const goal of goals) process.stdout.write(`goal: ${goal.what}: ${goal.goal}; measured ${goal.shown}; met: ${goal.met ? "yes" : "no"}\n`);
