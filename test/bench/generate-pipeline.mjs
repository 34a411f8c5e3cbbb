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
