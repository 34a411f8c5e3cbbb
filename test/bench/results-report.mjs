// Turns one benchmark run into bench/results/latest.json and the readable bench/RESULTS.md: the
// machine, every goal with its measured value and whether it is met, and every measurement.
import { BUILD_SIZES, buildLabel, SHELL_TARGETS } from "./build-bench.mjs";
import { floorLabel, NODE_20, NODE_24, nodeBuildLabel } from "./node-versions-bench.mjs";

const s = (seconds) => `${seconds.toFixed(3)} s`;
const x = (ratio) => `${ratio.toFixed(2)}×`;

/**
 * Every goal of the performance issues, from the measurements (null measured: not run, with why).
 * Start-up goals are judged on the Node versions users run (node-versions-bench.mjs): Node 24 against
 * an absolute bar, Node 20 against its own `node -e 0` in the same run.
 */
export function evaluateGoals({ results, gwf, tsc, local, airflow, suiteSeconds, sizes = {} }) {
  const byLabel = new Map(results.map((result) => [result.label, result]));
  const median = (label) => byLabel.get(label)?.median;
  const goals = [];
  const add = (what, goal, measured, met, shown) => goals.push({ what, goal, measured: measured ?? null, met: measured === undefined || measured === null || Number.isNaN(measured) ? null : met(measured), shown: measured === undefined || measured === null || Number.isNaN(measured) ? "not run" : shown(measured) });
  const mib = (value) => `${value.toFixed(0)} MiB`;
  for (const target of [...SHELL_TARGETS, "databricks"]) {
    add(`build ${target}, 1,000 tasks, Node ${NODE_24}`, "≤ 0.25 s", median(nodeBuildLabel(target, 1000, NODE_24)), (value) => value <= 0.25, s);
    add(`build ${target}, 1,000 tasks, Node ${NODE_20} / its node -e 0`, "≤ 3×", median(nodeBuildLabel(target, 1000, NODE_20)) / median(floorLabel(NODE_20)), (value) => value <= 3, x);
    add(`build ${target}, 10,000 tasks, Node ${NODE_24}`, "≤ 0.7 s", median(nodeBuildLabel(target, 10000, NODE_24)), (value) => value <= 0.7, s);
    add(`build ${target}, 10k / 1k cost, Node ${NODE_24}`, "≤ 3.5 (linear)", median(nodeBuildLabel(target, 10000, NODE_24)) / median(nodeBuildLabel(target, 1000, NODE_24)), (value) => value <= 3.5, x);
    add(`build ${target}, 1,000 tasks, peak RSS`, "≤ 100 MiB", byLabel.get(buildLabel(target, 1000))?.peakRssMiB, (value) => value <= 100, mib);
    add(`build ${target}, 10,000 tasks, peak RSS`, "≤ 200 MiB", byLabel.get(buildLabel(target, 10000))?.peakRssMiB, (value) => value <= 200, mib);
  }
  add("generated GitHub workflow, 1,000 jobs", "≤ 0.5 MB", sizes["github-actions"], (value) => value <= 500_000, (value) => `${(value / 1e6).toFixed(2)} MB`);
  for (const comparison of gwf?.comparisons ?? []) {
    add(`gwf build as shipped / orchc, ${comparison.count} jobs${comparison.sameJobs ? "" : " (outputs differ!)"}`, "≥ 10×", comparison.shippedOverOrchc, (value) => value >= 10 && comparison.sameJobs, x);
    add(`gwf build transpile-only / orchc, ${comparison.count} jobs`, "≥ 3×", comparison.transpileOnlyOverOrchc, (value) => value >= 3 && comparison.sameJobs, x);
  }
  for (const comparison of tsc?.comparisons ?? []) {
    add(`tsc ${comparison.version}: DSL / plain objects, 1,000 tasks`, "≤ 1.25×", comparison.ratio, (value) => value <= 1.25, x);
    if (comparison.groupedRatio10k !== undefined) add(`tsc ${comparison.version}: DSL in functions of 100 tasks / plain objects, 10,000 tasks`, "≤ 3×", comparison.groupedRatio10k, (value) => value <= 3, x);
  }
  if (local) {
    add("local runner / make -j2, per task·slot, 1,000 no-op tasks", "≤ 1.5×", local.ratios.localRunnerOverMakeNoop, (value) => value <= 1.5, x);
    add("local runner / 2-slot optimum, sleep DAG", "≤ 1.05×", local.ratios.localRunnerOverSleepOptimum, (value) => value <= 1.05, (value) => value.toFixed(3) + "×");
    add("local runner faster than make -j2, sleep DAG", "runner < make", local.ratios.localRunnerOverSleepOptimum / local.ratios.makeOverSleepOptimum, (value) => value < 1, (value) => `${x(value)} of make's time`);
  }
  add(`airflow dags test / local runner, 20 tasks`, "≥ 20×", airflow?.ratio, (value) => value >= 20, x);
  add("whole suite", "< 10 min", suiteSeconds, (value) => value < 600, (value) => `${(value / 60).toFixed(1)} min`);
  return goals;
}

export function resultsMarkdown({ machine, versions, runs, goals, results, notes }) {
  const lines = [
    "# orchc benchmark results",
    "",
    "Written by `npm run bench` (test/bench/run.mjs); the numbers are from its last run. Ratios measured in one run are the figures to compare; absolute times are for context.",
    "",
    `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}. ${Object.entries(versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(", ")}. Each figure: the median of ${runs} runs after a warm-up, min–max beside it.`,
    "",
    "## Goals",
    "",
    "| what | goal | measured | met |",
    "|---|---|---|---|",
    ...goals.map((goal) => `| ${goal.what} | ${goal.goal} | ${goal.shown} | ${goal.met === null ? "–" : goal.met ? "yes" : "**no**"} |`),
    "",
    "## Every measurement",
    "",
    "| what | median | min–max | peak RSS |",
    "|---|---|---|---|",
    ...results.map((result) => `| ${result.label} | ${s(result.median)} | ${result.min.toFixed(3)}–${result.max.toFixed(3)} s | ${result.peakRssMiB === null ? "–" : `${result.peakRssMiB.toFixed(0)} MiB`} |`),
    "",
    "## Notes",
    "",
    ...notes.map((note) => `- ${note}`),
    "",
  ];
  return lines.join("\n");
}

export const BUILD_NOTE = `No one pipeline builds for all four targets: Databricks runs no shell tasks and GitHub Actions no notebooks. "All at once" is ${SHELL_TARGETS.join(", ")} in one \`orchc build\` of the shell pipeline; Databricks builds the same graph as notebook tasks (${BUILD_SIZES.join(", ")} tasks: chains of ten off fan-out hubs, a param in every command, retries on every seventh task).`;
