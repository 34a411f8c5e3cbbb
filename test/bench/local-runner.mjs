// The local runner against `make -j2` on the same DAGs: per-task overhead on 1,000 no-op tasks,
// and scheduling quality on a DAG of sleeps whose 2-slot optimum is its critical path.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const CHAINS = 10;
const CHAIN_LENGTH = 100;

/** 10 chains of 100 `true` tasks, as a pipeline and as a Makefile. */
function noopDag() {
  const tasks = [];
  for (let chain = 0; chain < CHAINS; chain++) {
    for (let step = 0; step < CHAIN_LENGTH; step++) tasks.push({ id: `c${chain}_${step}`, command: "true", after: step === 0 ? [] : [`c${chain}_${step - 1}`] });
  }
  return tasks;
}

// The 2-slot optimum is the critical path: the chain of two 1 s tasks takes one slot for 2.0 s and
// everything else (1.8 s: two chains of four 0.1 s tasks, ten 0.1 s tasks) fits on the other. It
// takes knowing durations: counted in tasks, the short chains look longer (4) than the critical one
// (2) and go first. They are listed first too, so an order-following scheduler (make, FIFO) starts
// the critical chain last.
const CRITICAL = { steps: 2, seconds: 1.0 };
const SHORT_CHAINS = { count: 2, steps: 4, seconds: 0.1 };
const SINGLES = { count: 10, seconds: 0.1 };
export const SLEEP_OPTIMUM_SECONDS = CRITICAL.steps * CRITICAL.seconds;

function chain(prefix, steps, seconds) {
  return Array.from({ length: steps }, (_, step) => ({ id: `${prefix}_${step}`, command: `sleep ${seconds}`, after: step === 0 ? [] : [`${prefix}_${step - 1}`] }));
}

function sleepDag() {
  const singles = Array.from({ length: SINGLES.count }, (_, index) => ({ id: `single_${index}`, command: `sleep ${SINGLES.seconds}`, after: [] }));
  const shortChains = Array.from({ length: SHORT_CHAINS.count }, (_, index) => chain(`short${index}`, SHORT_CHAINS.steps, SHORT_CHAINS.seconds)).flat();
  return [...singles, ...shortChains, ...chain("critical", CRITICAL.steps, CRITICAL.seconds)];
}

function pipelineSource(id, tasks) {
  const lines = ['import { pipeline, sh } from "orchc";', `const dag = pipeline("${id}");`];
  for (const task of tasks) {
    const after = task.after.length === 0 ? "" : `.after(${task.after.map((dependency) => `"${dependency}"`).join(", ")})`;
    lines.push(`dag.task("${task.id}", sh\`${task.command}\`)${after};`);
  }
  lines.push("export default dag;", "");
  return lines.join("\n");
}

function makefileSource(tasks) {
  const ids = tasks.map((task) => task.id);
  const rules = tasks.map((task) => `${task.id}:${task.after.map((dependency) => ` ${dependency}`).join("")}\n\t@${task.command}`);
  return `all: ${ids.join(" ")}\n.PHONY: all ${ids.join(" ")}\n${rules.join("\n")}\n`;
}

/** Builds both DAGs with `orchc build --target local`, then times the runner and make on each. */
export function benchLocalRunner({ work, orchc, measure }) {
  const dags = { noop: noopDag(), sleeps: sleepDag() };
  const results = {};
  for (const [name, tasks] of Object.entries(dags)) {
    writeFileSync(join(work, `local-${name}.ts`), pipelineSource(`local_${name}`, tasks));
    writeFileSync(join(work, `Makefile.${name}`), makefileSource(tasks));
    const built = spawnSync(process.execPath, [orchc, "build", `local-${name}.ts`, "--target", "local", "--out", "."], { cwd: work, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`orchc build --target local failed: ${built.stderr}${built.stdout}`);
    results[name] = {
      orchc: measure(`orchc local runner, ${tasks.length} tasks (${name}), --parallel 2`, process.execPath, [join("local", `local_${name}.mjs`), "--parallel", "2", "--store", `.orchc/runs-${name}`]),
      make: measure(`make -j2, ${tasks.length} tasks (${name})`, "make", ["-s", "-j2", "-f", `Makefile.${name}`]),
    };
  }
  const perTaskSlotMs = (result) => ((result.median * 2) / dags.noop.length) * 1000;
  return {
    results: [results.noop.orchc, results.noop.make, results.sleeps.orchc, results.sleeps.make],
    ratios: {
      localRunnerPerTaskSlotMs: perTaskSlotMs(results.noop.orchc),
      makePerTaskSlotMs: perTaskSlotMs(results.noop.make),
      localRunnerOverMakeNoop: results.noop.orchc.median / results.noop.make.median,
      localRunnerOverSleepOptimum: results.sleeps.orchc.median / SLEEP_OPTIMUM_SECONDS,
      makeOverSleepOptimum: results.sleeps.make.median / SLEEP_OPTIMUM_SECONDS,
    },
  };
}
