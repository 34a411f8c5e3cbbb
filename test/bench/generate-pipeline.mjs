// Generates benchmark pipelines: chains of ten tasks hanging off fan-out hubs, one statement per task.

/** Dependencies of task i: the previous task in its chain of ten, or the hub for a chain's first task. */
function dependencyOf(index) {
  if (index === 0) return null;
  return index % 10 === 0 ? 0 : index - 1;
}

/** `action` picks the task kind: shell commands for most targets, notebooks for Databricks. */
export function dslPipeline(count, action = "shell") {
  const lines = [
    'import { notebook, pipeline, params, sh } from "orchc";',
    'const p = params({ day: { type: "string", default: "" } });',
    `const bench = pipeline("bench_${count}", { schedule: { cron: "0 6 * * *" }, params: p, maxConcurrentRuns: 1 });`,
  ];
  for (let index = 0; index < count; index++) {
    const dependency = dependencyOf(index);
    const after = dependency === null ? "" : `.after(t${dependency})`;
    const retries = index % 7 === 0 ? '.retries(2, { delay: "30s" })' : "";
    const task = action === "shell" ? `sh\`python step.py --n ${index} --day \${p.day}\`` : `notebook("src/step.py", { n: "${index}", day: p.day })`;
    lines.push(`const t${index} = bench.task("task_${index}", ${task})${after}${retries};`);
  }
  lines.push("export default bench;", "");
  return lines.join("\n");
}

/**
 * The same pipeline with its task statements in functions of `groupSize` (as a large pipeline is
 * written in practice: one function per area), each chain's start after the hub `t0` declared
 * outside. A top-level \`const\` per task makes TypeScript walk every earlier declaration for each
 * reference to \`bench\` or \`p\` (quadratic: ~16 s for 10,000); a function starts a new walk.
 */
export function dslGroupedPipeline(count, groupSize = 100) {
  const lines = dslPipeline(count).split("\n");
  const header = lines.slice(0, 4); // the imports, p, bench and t0
  const tasks = lines.slice(4, 3 + count);
  const grouped = [];
  // tasks[i] declares task i + 1; a group holds task indices [g·size, (g+1)·size), whole chains of ten.
  for (let group = 0; group * groupSize < count; group++) {
    const body = tasks.slice(Math.max(0, group * groupSize - 1), (group + 1) * groupSize - 1);
    grouped.push(`function group${group}() {`, ...body.map((line) => `  ${line}`), "}", `group${group}();`);
  }
  return [...header, ...grouped, ...lines.slice(3 + count)].join("\n");
}

export function plainPipeline(count) {
  const tasks = [];
  for (let index = 0; index < count; index++) {
    const dependency = dependencyOf(index);
    const after = dependency === null ? "" : `, after: ["task_${dependency}"]`;
    const retries = index % 7 === 0 ? ', retries: { count: 2, delay: "30s" }' : "";
    tasks.push(
      `    { id: "task_${index}", action: { kind: "shell", command: { $template: ["python step.py --n ${index} --day ", { $param: "day" }] } }${after}${retries} },`,
    );
  }
  return [
    "export default {",
    `  id: "bench_${count}",`,
    '  schedule: { cron: "0 6 * * *" },',
    '  params: { day: { type: "string", default: "" } },',
    "  maxConcurrentRuns: 1,",
    "  tasks: [",
    ...tasks,
    "  ],",
    "};",
    "",
  ].join("\n");
}
