// A pipeline's `targets`: the README's own pipeline builds with `-t all` for every target it names,
// a target it leaves out is refused by name and skipped by `all`, and what a target drops or
// emulates is said in the files and by `orchc targets`.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();

/** The pipeline the README shows, as the README has it today. */
const readmePipeline = (): string => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const block = /## A pipeline\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error("README.md has no `## A pipeline` TypeScript block");
  return block;
};

describe("a pipeline's targets", () => {
  it("builds the README's pipeline with -t all, for the targets it names and ir", () => {
    const cwd = project({ "pipeline.ts": readmePipeline() });
    const result = runCli(["build", "-t", "all"], { cwd });
    expect(result.stderr).not.toContain("error");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("orchc: databricks: nothing to write (no pipeline names it in its `targets`)");
    for (const file of ["ir/nightly.ir.json", "dags/nightly.py", ".github/workflows/nightly.yml", "local/nightly.mjs"]) expect(existsSync(join(cwd, file)), file).toBe(true);
    expect(existsSync(join(cwd, "databricks.yml"))).toBe(false);
    const workflow = readFileSync(join(cwd, ".github/workflows/nightly.yml"), "utf8");
    expect(workflow.split("\n").slice(2, 4)).toEqual([
      "# pipeline.timeout is emulated here, as the pipeline's `targets` allow: job orchc_deadline records the run's deadline; every task's attempts are bounded by it, and a task that would start after it fails without running",
      "# notify.onFailure is dropped here, as the pipeline's `targets` allow: no message is sent; GitHub notifies by its own settings",
    ]);
    expect(workflow).toContain("echo \"at=$(( $(date +%s) + 10800 ))\"");
    // The notes are part of the hashed body: --check passes on what was written, and fails once one is edited.
    expect(runCli(["build", "-t", "all", "--check"], { cwd }).status).toBe(0);
  });

  it("refuses a target the pipeline leaves out when it is asked for by name, at the pipeline's `targets`", () => {
    const cwd = project({ "pipeline.ts": readmePipeline() });
    const result = runCli(["build", "-t", "databricks"], { cwd });
    expect(result.status).toBe(1);
    const line = readmePipeline().split("\n").findIndex((text) => text.includes("targets: {")) + 1;
    expect(result.stderr).toContain(`pipeline.ts:${line}:3 - error ORC312: pipeline \`nightly\` is not built for databricks: its \`targets\` name airflow, githubActions, local`);
    expect(existsSync(join(cwd, "databricks.yml"))).toBe(false);
  });

  it("builds the pipelines that name a target asked for by name, and refuses only when none does", () => {
    const source = `import { notebook, pipeline, serverless, sh } from "orchc";
export const scripts = pipeline("scripts", { targets: { airflow: {}, local: {} } });
scripts.task("load", sh\`./load.sh\`);
export const notebooks = pipeline("notebooks", { targets: { databricks: {} }, compute: { jobs: serverless() }, defaultCompute: "jobs" });
notebooks.task("load", notebook("src/load.py"));
`;
    const cwd = project({ "pipeline.ts": source });
    const both = runCli(["build", "-t", "airflow", "-t", "databricks"], { cwd });
    expect(both.stderr).toBe("");
    expect(both.status).toBe(0);
    expect(existsSync(join(cwd, "dags/scripts.py"))).toBe(true);
    expect(existsSync(join(cwd, "resources/notebooks.job.yml"))).toBe(true);
    expect(existsSync(join(cwd, "dags/notebooks.py"))).toBe(false);
    const airflowAlone = runCli(["build", "-t", "airflow", "--out", "airflow-alone"], { cwd });
    expect(airflowAlone.stderr).toBe("");
    expect(existsSync(join(cwd, "airflow-alone/dags/scripts.py"))).toBe(true);
    expect(existsSync(join(cwd, "airflow-alone/dags/notebooks.py"))).toBe(false);
    const none = runCli(["build", "-t", "airflow", "-t", "github-actions", "--out", "none"], { cwd });
    expect(none.status).toBe(1);
    expect(none.stderr).toContain("error ORC312: pipeline `notebooks` is not built for github-actions: its `targets` name databricks");
    expect(none.stderr).toContain("error ORC312: pipeline `scripts` is not built for github-actions: its `targets` name airflow, local");
    expect(none.stderr).not.toContain("not built for airflow");
    expect(existsSync(join(cwd, "none"))).toBe(false);
  });

  it("reports what a target cannot say once per cause, naming the environments that set it again, with the declaration that allows it", () => {
    const source = readmePipeline().replace(/ {2}\/\/ Where it runs[\s\S]*?\n {2}},\n/, "");
    expect(source).not.toContain("targets:");
    const cwd = project({ "pipeline.ts": source });
    const result = runCli(["build", "-t", "github-actions"], { cwd });
    expect(result.status).toBe(1);
    const errors = result.stderr.split("\n").filter((text) => text.includes("error ORC301"));
    expect(errors.map((text) => text.replace(/^pipeline\.ts:\d+:\d+ - /, "").split(", which")[0])).toEqual([
      "error ORC301: a pipeline timeout (also environment `prod`)",
      "error ORC301: `notify.onFailure`",
    ]);
    expect(result.stderr).toContain('`targets: { githubActions: { "pipeline.timeout": "emulate" } }`');
    expect(result.stderr).toContain('`targets: { githubActions: { "notify.onFailure": "drop" } }`');
  });

  it("validates against every target a pipeline names, so validate says whether -t all builds", () => {
    const source = readmePipeline().replace('"notify.onFailure": "drop"', '"notify.onStart": "drop"');
    const cwd = project({ "pipeline.ts": source });
    const result = runCli(["validate"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error ORC301: `notify.onFailure`, which the github-actions target cannot express");
  });

  it("lists what a target may drop or emulate, and where each pipeline given is built", () => {
    const cwd = project({ "pipeline.ts": readmePipeline() });
    const result = runCli(["targets", "pipeline.ts"], { cwd });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^pipeline\.timeout +yes +yes +yes +no\/emulate,drop +yes$/m);
    expect(result.stdout).toContain('      emulate with `targets: { githubActions: { "pipeline.timeout": "emulate" } }`: job orchc_deadline records');
    expect(result.stdout).toContain("  nightly: airflow, github-actions (drops notify.onFailure, emulates pipeline.timeout), local");
  });

  it("refuses, in a JSON pipeline, a choice the target does not offer, at its key", () => {
    const spec = { id: "j", timeout: "1h", targets: { githubActions: { "pipeline.timeout": "emulate", "notify.onFailure": "emulate" } }, tasks: { a: { action: { kind: "shell", command: "true" } } } };
    const cwd = project({ "pipeline.json": `${JSON.stringify(spec, null, 2)}\n` });
    const result = runCli(["build", "-t", "github-actions"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/pipeline\.json:\d+:\d+ - error ORC\d+: .*notify\.onFailure/);
  });
});
