import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { cliBin, expectNoStackTrace, quickstartSource, repoRoot, runCli, snapshotTree, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();
const version = (JSON.parse(readFileSync(join(repoRoot, "packages", "cli", "package.json"), "utf8")) as { version: string }).version;

const PLAIN_PIPELINE = {
  $schema: "./orchc.schema.json",
  id: "plain_nightly",
  schedule: { cron: "0 3 * * *", timezone: "UTC" },
  params: { day: { type: "string", default: "" }, region: { type: "enum", values: ["eu", "us"] } },
  tasks: {
    extract: { action: { kind: "shell", command: { $template: ["./extract.sh --day ", { $param: "day" }] } }, retries: { count: 2, delay: "30s" } },
    load: { action: { kind: "python", script: "load.py" }, after: ["extract"], timeout: "30m", optional: true },
  },
};

type Schema = Record<string, unknown>;

/** Validates with Ajv (draft 2020-12), the validator editors and CI tools use for JSON Schema. */
function schemaErrors(schema: Schema, value: unknown): string[] {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((problem) => `${problem.instancePath || "$"}: ${problem.message}`);
}

describe("orchc graph", () => {
  const edgesOf = (output: string, arrow: string) =>
    output
      .split("\n")
      .filter((line) => line.includes(arrow))
      .map((line) => line.trim());

  it("prints the quickstart's edges as Mermaid", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    const before = snapshotTree(cwd);
    const result = runCli(["graph", "--format", "mermaid"], { cwd });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")[0]).toBe("flowchart TD");
    expect(result.stdout).toContain('    quickstart_nightly__report["report (optional)"]\n');
    expect(edgesOf(result.stdout, "-->")).toEqual([
      "quickstart_nightly__extract --> quickstart_nightly__transform",
      "quickstart_nightly__transform --> quickstart_nightly__load",
      "quickstart_nightly__load --> quickstart_nightly__report",
      "quickstart_nightly__load --> quickstart_nightly__cleanup",
    ]);
    expect(snapshotTree(cwd)).toEqual(before);
  });

  it("defaults to Mermaid", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    expect(runCli(["graph"], { cwd }).stdout).toBe(runCli(["graph", "--format", "mermaid"], { cwd }).stdout);
  });

  it("prints the quickstart's edges as Graphviz dot", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    const result = runCli(["graph", "--format", "dot"], { cwd });
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith("digraph orchc {\n")).toBe(true);
    expect(result.stdout.endsWith("}\n")).toBe(true);
    expect(result.stdout).toContain('    "quickstart_nightly.report" [label="report", style=dashed];\n');
    expect(edgesOf(result.stdout, "->")).toEqual([
      '"quickstart_nightly.extract" -> "quickstart_nightly.transform";',
      '"quickstart_nightly.transform" -> "quickstart_nightly.load";',
      '"quickstart_nightly.load" -> "quickstart_nightly.report";',
      '"quickstart_nightly.load" -> "quickstart_nightly.cleanup";',
    ]);
  });

  it("prints the quickstart's graph as JSON", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    const result = runCli(["graph", "--format", "json"], { cwd });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      pipelines: [
        {
          id: "quickstart_nightly",
          trigger: null,
          tasks: [
            { id: "extract", dependsOn: [], runIf: "allSuccess", optional: false, outputs: [], forEach: null, reads: [] },
            { id: "transform", dependsOn: ["extract"], runIf: "allSuccess", optional: false, outputs: [], forEach: null, reads: [] },
            { id: "load", dependsOn: ["transform"], runIf: "allSuccess", optional: false, outputs: [], forEach: null, reads: [] },
            { id: "report", dependsOn: ["load"], runIf: "allSuccess", optional: true, outputs: [], forEach: null, reads: [] },
            { id: "cleanup", dependsOn: ["load"], runIf: "allDone", optional: false, outputs: [], forEach: null, reads: [] },
          ],
        },
      ],
    });
  });

  it("labels the edge a task reads an output over with the output's name, in each format", () => {
    const cwd = project({
      "pipeline.ts": `import { pipeline, sh } from "orchc";
const flow = pipeline("flow");
const count = flow.task("count", sh\`./count.sh\`).outputs({ rows: "number", parts: "list" });
flow.task("check", sh\`./check.sh \${count.output.rows} \${count.output.parts}\`);
export default flow;
`,
    });
    expect(edgesOf(runCli(["graph", "--format", "mermaid"], { cwd }).stdout, "-->")).toEqual(["flow__count -->|rows, parts| flow__check"]);
    expect(edgesOf(runCli(["graph", "--format", "dot"], { cwd }).stdout, "->")).toEqual(['"flow.count" -> "flow.check" [label="rows, parts"];']);
    const tasks = JSON.parse(runCli(["graph", "--format", "json"], { cwd }).stdout).pipelines[0].tasks;
    expect(tasks.map((task: { outputs: unknown; reads: unknown }) => [task.outputs, task.reads])).toEqual([
      [[{ name: "rows", type: "number" }, { name: "parts", type: "list" }], []],
      [[], [{ task: "count", name: "rows" }, { task: "count", name: "parts" }]],
    ]);
  });

  it("draws a for-each task as a stack, says what it runs over, and labels the edge its list travels on", () => {
    const cwd = project({
      "pipeline.ts": `import { item, params, pipeline, sh } from "orchc";
const p = params({ days: { type: "string", default: '["d1"]' } });
const flow = pipeline("flow", { params: p });
const listed = flow.task("list", sh\`./list.sh\`).outputs({ parts: "list" });
flow.task("load", sh\`./load.sh \${item}\`).forEach(listed.output.parts, { concurrency: 4 });
flow.task("export", sh\`./export.sh \${item}\`).forEach(["eu", "us"]);
flow.task("backfill", sh\`./backfill.sh \${item}\`).forEach(p.days);
export default flow;
`,
    });
    const mermaid = runCli(["graph", "--format", "mermaid"], { cwd });
    expect(mermaid.stderr).toBe("");
    expect(mermaid.stdout).toContain('flow__load[["load (for each of list.parts, 4 at once)"]]');
    expect(mermaid.stdout).toContain('flow__export[["export (for each of 2 items, 1 at once)"]]');
    expect(mermaid.stdout).toContain('flow__backfill[["backfill (for each of param days, 1 at once)"]]');
    expect(mermaid.stdout).toContain('flow__list["list"]');
    expect(edgesOf(mermaid.stdout, "-->")).toEqual(["flow__list -->|parts| flow__load"]);
    const dot = runCli(["graph", "--format", "dot"], { cwd }).stdout;
    expect(dot).toContain('"flow.load" [label="load (for each of list.parts, 4 at once)", peripheries=2];');
    expect(edgesOf(dot, "->")).toEqual(['"flow.list" -> "flow.load" [label="parts"];']);
    const tasks = JSON.parse(runCli(["graph", "--format", "json"], { cwd }).stdout).pipelines[0].tasks;
    expect(tasks.map((task: { id: string; forEach: unknown }) => [task.id, task.forEach])).toEqual([
      ["list", null],
      ["load", { items: { kind: "output", task: "list", name: "parts" }, concurrency: 4 }],
      ["export", { items: { kind: "static", values: ["eu", "us"] }, concurrency: 1 }],
      ["backfill", { items: { kind: "param", name: "days" }, concurrency: 1 }],
    ]);
  });

  it("draws what links pipelines: a task that runs another pipeline, and a pipeline that runs after another succeeded", () => {
    const cwd = project({
      "pipeline.ts": `import { pipeline, runPipeline, sh } from "orchc";
export const report = pipeline("report");
report.task("render", sh\`./render.sh\`);
export const nightly = pipeline("nightly");
const load = nightly.task("load", sh\`./load.sh\`);
nightly.task("publish", runPipeline(report)).after(load);
export const audit = pipeline("audit", { trigger: { after: [nightly] } });
audit.task("check", sh\`./check.sh\`);
`,
    });
    const mermaid = runCli(["graph", "--format", "mermaid"], { cwd });
    expect(mermaid.stderr).toBe("");
    expect(edgesOf(mermaid.stdout, "-.->").sort()).toEqual(["nightly__publish -.->|after success| audit__check", "nightly__publish -.->|runs| report__render"]);
    expect(edgesOf(runCli(["graph", "--format", "dot"], { cwd }).stdout, "style=dashed").sort()).toEqual([
      '"nightly.publish" -> "audit.check" [label="after success", style=dashed];',
      '"nightly.publish" -> "report.render" [label="runs", style=dashed];',
    ]);
    const pipelines = JSON.parse(runCli(["graph", "--format", "json"], { cwd }).stdout).pipelines;
    const byId = new Map(pipelines.map((pipeline: { id: string }) => [pipeline.id, pipeline]));
    expect([...byId.keys()].sort()).toEqual(["audit", "nightly", "report"]);
    expect((byId.get("audit") as { trigger: unknown }).trigger).toEqual({ kind: "after", pipelines: ["nightly"] });
    expect((byId.get("nightly") as { tasks: Array<{ runs?: string }> }).tasks.map((task) => task.runs)).toEqual([undefined, "report"]);
  });

  it("rejects an unknown format", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    const result = runCli(["graph", "--format", "svg"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("error: option '-f, --format <format>' argument 'svg' is invalid. Allowed choices are mermaid, dot, json.");
  });
});

describe("orchc targets", () => {
  it("lists the targets and their capabilities, with what each cannot express", () => {
    const cwd = project();
    const result = runCli(["targets"], { cwd });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ir +the canonical IR as JSON, one file per pipeline \(ir\/<pipeline>\.ir\.json\)\n/);
    expect(result.stdout).toMatch(/^action\.shell +yes\b/m);
    expect(result.stdout).toMatch(/^airflow +one Airflow DAG file per pipeline/m);
    expect(result.stdout).toMatch(/^notify\.onStart +yes +no\/drop\b/m);
    expect(result.stdout).toMatch(/^action\.shell +yes +yes +no +yes/m);
    expect(result.stdout).toContain("  airflow notify.onStart: a DAG run has no start callback in Airflow");
  });

  it("names only flags that \`orchc build\` has, and the Airflow 2 flag it names works as printed", () => {
    const cwd = project({ "pipeline.ts": `import { pipeline, sh } from "orchc";\nconst p = pipeline("hello", {});\np.task("hi", sh\`echo hi\`);\nexport default p;\n` });
    const listed = runCli(["targets"], { cwd }).stdout;
    const buildHelp = runCli(["build", "--help"], { cwd }).stdout;
    const flags = [...new Set(listed.match(/--[a-z][a-z-]*/g) ?? [])];
    expect(flags).toContain("--airflow-version");
    for (const flag of flags) expect(buildHelp, `orchc targets names ${flag}`).toMatch(new RegExp(`\\s${flag}\\b`));
    expect(listed).toContain("--airflow-version 2 for 2.7+");
    const built = runCli(["build", "-t", "airflow", "--airflow-version", "2"], { cwd });
    expect(built.status).toBe(0);
    expect(readFileSync(join(cwd, "dags", "hello.py"), "utf8")).toContain("from airflow.operators.bash import BashOperator");
  });

  it("prints the capability table as JSON", () => {
    const table = JSON.parse(runCli(["targets", "--json"], { cwd: project() }).stdout) as Record<string, { description: string; capabilities: Record<string, { supported: boolean }> }>;
    expect(Object.keys(table)).toEqual(["ir", "airflow", "databricks", "github-actions", "local"]);
    expect(table.airflow?.capabilities["notify.onStart"]?.supported).toBe(false);
    expect(table.ir?.capabilities["retry.exponentialBackoff"]?.supported).toBe(true);
  });
});

describe("orchc schema", () => {
  const schemaOf = () => {
    const result = runCli(["schema"], { cwd: project() });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    return JSON.parse(result.stdout) as Schema & { properties: Record<string, Schema> };
  };

  it("prints a JSON Schema of the plain-object form", () => {
    const schema = schemaOf();
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("orchc pipeline");
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["id", "tasks", "schedule", "params", "environments"]));
    expect(schema.required).toEqual(["id", "tasks"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.schedule).toMatchObject({ type: "object", required: ["cron"] });
  });

  it("accepts a plain pipeline that orchc builds, and rejects misspelt or missing keys", () => {
    const schema = schemaOf();
    expect(schemaErrors(schema, PLAIN_PIPELINE)).toEqual([]);
    expect(schemaErrors(schema, { ...PLAIN_PIPELINE, shedule: { cron: "@daily" } })).toEqual(["$: must NOT have additional properties"]);
    const { tasks: _tasks, ...withoutTasks } = PLAIN_PIPELINE;
    expect(schemaErrors(schema, withoutTasks)).toEqual(["$: must have required property 'tasks'"]);
    const overrideWithDate = { ...PLAIN_PIPELINE, overrides: { airflow: { start: { nested: [1, "two", null, true] } } } };
    expect(schemaErrors(schema, overrideWithDate)).toEqual([]);

    const cwd = project({ "pipeline.json": JSON.stringify(PLAIN_PIPELINE, null, 2) });
    const result = runCli(["validate", "pipeline.json"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("orchc: 1 pipeline, 2 tasks: valid\n");
  });

  it("exits quietly when its reader stops early (orchc schema | head)", () => {
    const result = spawnSync("sh", ["-c", `"${process.execPath}" "${cliBin}" schema | head -c 1 > /dev/null`], { cwd: project(), encoding: "utf8" });
    expect(result.stderr).toBe("");
  });
});

describe("orchc validate", () => {
  it("prints a summary of a valid pipeline", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    const before = snapshotTree(cwd);
    const result = runCli(["validate"], { cwd });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("orchc: 1 pipeline, 5 tasks: valid\n");
    expect(snapshotTree(cwd)).toEqual(before);
  });

  it("checks against a target's capabilities with --target", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    expect(runCli(["validate", "--target", "ir"], { cwd }).stdout).toBe("orchc: 1 pipeline, 5 tasks: valid\n");
    const unknown = runCli(["validate", "--target", "airflw"], { cwd });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("orchc: unknown target `airflw`");
  });

  it("exits 1 with the diagnostic and no summary when the pipeline is invalid", () => {
    const cwd = project({ "pipeline.ts": quickstartSource.replace('.after(load).runIf("allDone")', '.after("lod").runIf("allDone")') });
    const result = runCli(["validate"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^pipeline\.ts:\d+:\d+ - error ORC201: task `cleanup` depends on `lod`, which pipeline `quickstart_nightly` does not declare\n {2}hint: did you mean `load`\?\n\n1 error\n$/);
  });
});

describe("the command line itself", () => {
  it("prints help and exits 0", () => {
    const result = runCli(["--help"], { cwd: project() });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: orchc \[options\] \[command\]\n/);
    for (const command of ["build", "validate", "run", "runs", "graph", "targets", "schema", "init"]) expect(result.stdout).toMatch(new RegExp(`^ {2}${command}[ |]`, "m"));
    const build = runCli(["build", "--help"], { cwd: project() });
    expect(build.status).toBe(0);
    expect(build.stdout).toContain("--check");
    expect(build.stdout).toContain("-t, --target <target>");
  });

  it("prints the version and exits 0", () => {
    const result = runCli(["--version"], { cwd: project() });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it("rejects an unknown command with exit 1", () => {
    const result = runCli(["frobnicate"], { cwd: project() });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: unknown command 'frobnicate'\n/);
    expectNoStackTrace(result.stderr);
  });

  it("rejects an unknown target with exit 1, naming the known ones, and writes nothing", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    const result = runCli(["build", "--target", "airflowx"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("orchc: unknown target `airflowx`; targets: ir, airflow, databricks, github-actions, local\n");
    expect(existsSync(join(cwd, "ir"))).toBe(false);
  });

  it("requires --target for build", () => {
    const result = runCli(["build"], { cwd: project({ "pipeline.ts": quickstartSource }) });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: required option '-t, --target <target>' not specified\n/);
  });
});
