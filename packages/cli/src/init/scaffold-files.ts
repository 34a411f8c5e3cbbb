import type { TargetName } from "@orchc/targets/names";

const header = (imports: string, where: string) => `import { ${imports} } from "orchc";

const p = params({
  runDate: { type: "string", default: "", description: "Day to process (YYYY-MM-DD); empty means today" },
});

const nightly = pipeline("nightly", {
  description: "Extract, transform and load once a night${where}.",
  schedule: cron("0 2 * * *", { timezone: "UTC" }),
  maxConcurrentRuns: 1,
  params: p,
});

`;

const RUNNER_PIPELINE = `${header("cron, params, pipeline, python, sh", "")}const extract = nightly.task("extract", sh\`./scripts/extract.sh --date \${p.runDate}\`).retries(2, { delay: "60s" });
const transform = nightly.task("transform", python("etl/transform.py", ["--date", p.runDate])).after(extract).timeout("30m");
nightly.task("report", sh\`python etl/report.py\`).after(transform).optional();

export default nightly;
`;

const DATABRICKS_PIPELINE = `${header("cron, notebook, params, pipeline, sparkPython", ", on Databricks")}// \`.local\` says how \`orchc run\` runs a task on this machine, where there is no Databricks workspace.
const extract = nightly
  .task("extract", notebook("src/extract.py", { run_date: p.runDate }))
  .retries(2, { delay: "60s" })
  .local({ command: 'python3 src/extract.py --date "$ORCHC_PARAM_runDate"' });
const transform = nightly
  .task("transform", sparkPython("src/transform.py", ["--date", p.runDate]))
  .after(extract)
  .timeout("30m")
  .local({ command: 'python3 src/transform.py --date "$ORCHC_PARAM_runDate"' });
nightly.task("report", notebook("src/report.py")).after(transform).optional().local({ command: "python3 src/report.py" });

export default nightly;
`;

/**
 * The starting pipeline, written so that it builds for every target asked for: shell and Python
 * tasks, unless Databricks is one of them, which runs notebooks and Spark Python files instead
 * (initTargets refuses Databricks together with GitHub Actions, which share no task kind).
 */
export const pipelineSource = (targets: ReadonlyArray<TargetName>): string => (targets.includes("databricks") ? DATABRICKS_PIPELINE : RUNNER_PIPELINE);

/**
 * NodeNext checks pipeline.ts as the package.json's `type` says (ESM or CommonJS), the way Node
 * would load it, and passes either way (see initializedManifest). verbatimModuleSyntax stays off on
 * purpose: under CommonJS it refuses pipeline.ts's ESM `import` (TS1295).
 */
export const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
  include: ["pipeline.ts"],
};
