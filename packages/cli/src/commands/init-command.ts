import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { ORCHC_VERSION } from "../version.js";

const PIPELINE_TS = `import { cron, params, pipeline, python, sh } from "orchc";

const p = params({
  runDate: { type: "string", default: "", description: "Day to process (YYYY-MM-DD); empty means today" },
});

const nightly = pipeline("nightly", {
  description: "Extract, transform and load once a night.",
  schedule: cron("0 2 * * *", { timezone: "UTC" }),
  maxConcurrentRuns: 1,
  params: p,
});

const extract = nightly.task("extract", sh\`./scripts/extract.sh --date \${p.runDate}\`).retries(2, { delay: "60s" });
const transform = nightly.task("transform", python("etl/transform.py", ["--date", p.runDate])).after(extract).timeout("30m");
nightly.task("report", sh\`python etl/report.py\`).after(transform).optional();

export default nightly;
`;

const TSCONFIG = {
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

// Airflow by default; users switch the target, not the pipeline.
const SCRIPTS = {
  build: "orchc build --target airflow",
  check: "orchc build --target airflow --check",
  typecheck: "tsc --noEmit",
  pipeline: "orchc run",
};

/** Scaffolds pipeline.ts, a tsconfig and package.json scripts; never overwrites a file. */
export function initCommand(directory: string): number {
  const root = resolve(directory);
  mkdirSync(root, { recursive: true });
  const pipelinePath = join(root, "pipeline.ts");
  if (existsSync(pipelinePath)) {
    process.stderr.write(`orchc: ${pipelinePath} already exists; nothing was changed\n`);
    return 1;
  }
  const created: string[] = [];
  writeFileSync(pipelinePath, PIPELINE_TS);
  created.push("pipeline.ts");
  const tsconfigPath = join(root, "tsconfig.json");
  if (!existsSync(tsconfigPath)) {
    writeFileSync(tsconfigPath, `${JSON.stringify(TSCONFIG, null, 2)}\n`);
    created.push("tsconfig.json");
  }
  const packagePath = join(root, "package.json");
  const manifest = existsSync(packagePath)
    ? (JSON.parse(readFileSync(packagePath, "utf8")) as Record<string, unknown>)
    : { name: basename(root).toLowerCase().replace(/[^a-z0-9-]+/g, "-"), private: true, type: "module" };
  const scripts = { ...(manifest.scripts as Record<string, string> | undefined) };
  for (const [name, command] of Object.entries(SCRIPTS)) scripts[name] ??= command;
  const devDependencies = { orchc: `^${ORCHC_VERSION}`, typescript: "^5.9.0", ...(manifest.devDependencies as Record<string, string> | undefined) };
  writeFileSync(packagePath, `${JSON.stringify({ ...manifest, scripts, devDependencies }, null, 2)}\n`);
  created.push("package.json");
  process.stdout.write(`orchc: created ${created.join(", ")} in ${root}\nnext: npm install && npm run typecheck && npm run build\n`);
  return 0;
}
