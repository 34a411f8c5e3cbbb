// `orchc import`: writes pipeline.ts only when the rows are right, never replaces a changed file
// without --force, and prints problems at the rows file's line and column with exit code 1.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, placeOf, runCli, useTempProjects } from "./cli-helpers.js";

const ROWS = JSON.stringify(
  [
    { notebook_name: "extract", notebook_path: "/etl/extract", dependencies: "[]", parameters: '{"day": "today"}', timeout_per_cell_seconds: 60, retry_attempts: 1, interval_between_retry_attempt_seconds: 10, active: 1, process_group: 1 },
    { notebook_name: "load", notebook_path: "/etl/load", dependencies: '["extract"]', parameters: "{}", timeout_per_cell_seconds: 60, retry_attempts: 0, interval_between_retry_attempt_seconds: 0, active: 1, process_group: 1 },
  ],
  null,
  2,
);

describe("orchc import control-table", () => {
  const project = useTempProjects();

  it("writes a pipeline.ts that builds; again, it is unchanged; a changed file needs --force", () => {
    const directory = project({ "rows.json": ROWS });
    const first = runCli(["import", "control-table", "rows.json"], { cwd: directory });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("orchc: wrote pipeline.ts: rows_group_1 (2 tasks)");
    const build = runCli(["build", "-t", "databricks"], { cwd: directory });
    expect(build.status, build.stderr).toBe(0);
    expect(readFileSync(join(directory, "resources", "rows_group_1.job.yml"), "utf8")).toContain("task_key: load");

    expect(runCli(["import", "control-table", "rows.json"], { cwd: directory }).stdout).toContain("unchanged: pipeline.ts");
    writeFileSync(join(directory, "pipeline.ts"), `${readFileSync(join(directory, "pipeline.ts"), "utf8")}// my edit\n`);
    const refused = runCli(["import", "control-table", "rows.json"], { cwd: directory });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("pipeline.ts exists and differs from this import");
    expect(readFileSync(join(directory, "pipeline.ts"), "utf8")).toContain("// my edit");
    expect(runCli(["import", "control-table", "rows.json", "--force"], { cwd: directory }).status).toBe(0);
    expect(readFileSync(join(directory, "pipeline.ts"), "utf8")).not.toContain("// my edit");
  });

  it("a malformed row: file:line:col, exit 1, nothing written", () => {
    const broken = ROWS.replace('"retry_attempts": 1', '"retry_attempts": -1');
    const directory = project({ "rows.json": broken });
    const result = runCli(["import", "control-table", "rows.json", "--out", "jobs/pipeline.ts"], { cwd: directory });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${placeOf("rows.json", broken, "-1")} - error ORC602: row 1 (\`extract\`), column \`retry_attempts\`: expected a whole number of retries, 0 or more; got -1`);
    expectNoStackTrace(result.stderr);
    expect(existsSync(join(directory, "jobs"))).toBe(false);
  });

  it("a missing file is a diagnostic too", () => {
    const directory = project();
    const result = runCli(["import", "control-table", "nope.json"], { cwd: directory });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error ORC601: cannot import nope.json: no such file");
    expectNoStackTrace(result.stderr);
  });

  it("workflow-orchestrator: the three files → a pipeline.ts that builds a bundle with its job cluster and warehouse", () => {
    const directory = project({
      "tasks.json": JSON.stringify([
        { file_name: "load", format: "py", dependent_on: [], compute_name: "etl" },
        { file_name: "report", format: "sql", dependent_on: ["load"], compute_name: "bi" },
      ]),
      "clusters.json": JSON.stringify({ etl: { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 1 } }),
      "warehouses.json": JSON.stringify({ bi: { cluster_size: "X-Small", auto_stop_mins: 15 } }),
    });
    const imported = runCli(["import", "workflow-orchestrator", "--tasks", "tasks.json", "--clusters", "clusters.json", "--warehouses", "warehouses.json", "--notebooks-dir", "src", "--name", "nightly"], { cwd: directory });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("orchc: wrote pipeline.ts: nightly (2 tasks)");
    const source = readFileSync(join(directory, "pipeline.ts"), "utf8");
    expect(source).toContain("// Imported from tasks.json, clusters.json, warehouses.json by `orchc import workflow-orchestrator --tasks tasks.json --clusters clusters.json --warehouses warehouses.json --notebooks-dir src --name nightly`.");
    const build = runCli(["build", "-t", "databricks"], { cwd: directory });
    expect(build.status, build.stderr).toBe(0);
    const job = readFileSync(join(directory, "resources", "nightly.job.yml"), "utf8");
    expect(job).toContain("job_cluster_key: etl");
    expect(job).toContain('notebook_path: "../src/load.py"');
    expect(job).toContain('warehouse_id: "${resources.sql_warehouses.nightly_bi.id}"');
    expect(job).toMatch(/sql_warehouses:\n {4}nightly_bi:\n {6}name: bi\n {6}cluster_size: X-Small\n {6}auto_stop_mins: 15/);
  });
});
