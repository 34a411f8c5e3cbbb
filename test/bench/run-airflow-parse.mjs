// Runs the airflow-parse bench section alone and prints its rows and goals:
//   node test/bench/run-airflow-parse.mjs        (after `npm run build`; BENCH_RUNS sets the parses per DAG)
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchAirflowParse } from "./airflow-parse.mjs";
import { createMeasure } from "./measure.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// Inside the repository, so `import "orchc"` resolves; not run.mjs's folder, which it wipes.
const work = join(repo, ".cache", "bench-airflow-parse");
mkdirSync(work, { recursive: true });
const runs = process.env.BENCH_RUNS
  ? Number(process.env.BENCH_RUNS)
  : undefined;
const section = benchAirflowParse({
  repo,
  work,
  orchc: join(repo, "packages", "cli", "bin", "orchc.js"),
  measure: createMeasure({ work, runs: runs ?? 5 }),
  runs,
});

if (section.skipped) console.log(`airflow-parse: not run (${section.skipped})`);
else console.log(`Airflow ${section.version}. ${section.note}`);
for (const row of section.results)
  console.log(
    `${row.label}: median ${row.median.toFixed(3)} s (${row.min.toFixed(3)}–${row.max.toFixed(3)}, ${row.runs} runs)`,
  );
for (const goal of section.goals)
  console.log(
    `goal ${goal.what}: ${goal.goal}, measured ${goal.shown}, ${goal.met === null ? "not run" : goal.met ? "met" : "NOT met"}`,
  );
