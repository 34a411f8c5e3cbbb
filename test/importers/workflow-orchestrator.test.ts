// `orchc import workflow-orchestrator`: the seed 004 files → a pipeline.ts with its compute, checked
// by compiling what it wrote; malformed files are reported at their line and column.
import { importWorkflowOrchestrator } from "@orchc/importers";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../e2e/cli-helpers.js";
import { compiledPipelines, expectProblem, useImportScratch } from "./import-helpers.js";

const example = join(repoRoot, "examples", "workflow-orchestrator");
const read = (file: string) => readFileSync(join(example, file), "utf8");
const TASKS = read("Task_dependency/dependency.json");
const CLUSTERS = read("config/cluster_config.json");
const WAREHOUSES = read("config/warehouse_config.json");
const COMMAND = "orchc import workflow-orchestrator --tasks dependency.json --clusters cluster_config.json --warehouses warehouse_config.json --name workflow_orchestrator_job";

describe("import workflow-orchestrator: the example's files", () => {
  const scratch = useImportScratch();

  async function imported(files: { tasks?: string; clusters?: string; warehouses?: string } = {}) {
    const directory = scratch({ "dependency.json": files.tasks ?? TASKS, "cluster_config.json": files.clusters ?? CLUSTERS, "warehouse_config.json": files.warehouses ?? WAREHOUSES });
    const result = await importWorkflowOrchestrator({
      tasks: join(directory, "dependency.json"),
      clusters: join(directory, "cluster_config.json"),
      warehouses: join(directory, "warehouse_config.json"),
      notebooksDir: "notebooks",
      name: "workflow_orchestrator_job",
      command: COMMAND,
    });
    return { directory, result };
  }

  it("tasks, their dependencies and the compute each names", async () => {
    const { directory, result } = await imported();
    expect(result.diagnostics).toEqual([]);
    const [pipeline] = await compiledPipelines(directory, result.source!);
    expect(pipeline!.id).toBe("workflow_orchestrator_job");
    expect(pipeline!.tasks.map((task) => [task.id, [...task.dependsOn], task.compute, task.action.kind])).toEqual([
      ["ingest_orders", [], "etl-cluster", "notebook"],
      ["ingest_customers", [], "etl-cluster", "notebook"],
      ["clean_orders", ["ingest_orders", "ingest_customers"], "etl-cluster", "notebook"],
      ["train_model", ["clean_orders"], "ml-cluster", "notebook"],
      ["daily_report", ["clean_orders"], null, "sql"],
    ]);
    expect(pipeline!.tasks[4]!.action).toMatchObject({ kind: "sql", file: "notebooks/daily_report.sql", warehouse: "reporting-warehouse" });
    expect(pipeline!.tasks[0]!.action).toMatchObject({ kind: "notebook", path: "notebooks/ingest_orders.py" });
  });

  it("cluster and warehouse settings arrive whole: mapped fields by name, the rest as written", async () => {
    const { directory, result } = await imported();
    const [pipeline] = await compiledPipelines(directory, result.source!);
    const compute = Object.fromEntries(pipeline!.compute.map((node) => [node.name, node]));
    expect(compute["etl-cluster"]).toEqual({
      kind: "cluster",
      name: "etl-cluster",
      sparkVersion: "15.4.x-scala2.12",
      nodeType: "Standard_DS3_v2",
      instancePool: null,
      policy: null,
      workers: null,
      autoscale: { min: 1, max: 4 },
      sparkConf: [["spark.sql.shuffle.partitions", "64"]],
      env: [],
      databricks: { data_security_mode: "SINGLE_USER", runtime_engine: "PHOTON" },
    });
    expect(compute["ml-cluster"]).toMatchObject({ workers: 2, env: [["PYSPARK_PYTHON", "/databricks/python3/bin/python3"]], databricks: {} });
    expect(compute["reporting-warehouse"]).toEqual({
      kind: "sqlWarehouse",
      name: "reporting-warehouse",
      warehouseName: "reporting-warehouse",
      size: "2X-Small",
      minClusters: 1,
      maxClusters: 2,
      autoStopMinutes: 10,
      type: "pro",
      serverless: true,
      photon: null,
      databricks: { spot_instance_policy: "COST_OPTIMIZED" },
    });
    expect(result.source).toContain('// Left out: autotermination_minutes 30 (a job cluster ends with its run).');
  });

  it("the committed example is exactly what the importer writes", async () => {
    const result = await importWorkflowOrchestrator({
      tasks: join(example, "Task_dependency", "dependency.json"),
      clusters: join(example, "config", "cluster_config.json"),
      warehouses: join(example, "config", "warehouse_config.json"),
      notebooksDir: "notebooks",
      name: "workflow_orchestrator_job",
      command: "orchc import workflow-orchestrator --tasks Task_dependency/dependency.json --clusters config/cluster_config.json --warehouses config/warehouse_config.json --name workflow_orchestrator_job",
    });
    expect(result.source).toBe(read("pipeline.ts"));
  });

  describe("problems, at their file, line and column", () => {
    const tasksWith = (replace: [string, string]) => TASKS.replace(...replace);

    it("a compute no config defines (did you mean), a dependency on an unknown task, a format orchc does not import", async () => {
      const tasks = tasksWith(['"compute_name": "ml-cluster"', '"compute_name": "ml_cluster"']).replace('"dependent_on": ["clean_orders"], "compute_name": "reporting', '"dependent_on": ["clean_order"], "compute_name": "reporting').replace('"file_name": "ingest_customers", "format": "py"', '"file_name": "ingest_customers", "format": "whl"');
      const { result } = await imported({ tasks });
      expect(result.source).toBeNull();
      expectProblem(result.diagnostics, "ORC607", "task 2 (`ingest_customers`) has format `whl`, which orchc does not import", tasks, '"whl"');
      const second = await imported({ tasks: tasks.replace('"format": "whl"', '"format": "py"') });
      const fixed = tasks.replace('"format": "whl"', '"format": "py"');
      expectProblem(second.result.diagnostics, "ORC606", "task 4 (`train_model`) runs on `ml_cluster`, which neither config file defines", fixed, '"ml_cluster"');
      expect(second.result.diagnostics.find((diagnostic) => diagnostic.code === "ORC606")!.hint).toBe("did you mean `ml-cluster`?");
      expectProblem(second.result.diagnostics, "ORC603", "task 5 (`daily_report`) depends on `clean_order`, which no task names", fixed, '["clean_order"]');
    });

    it("a SQL file on a cluster, a notebook on a warehouse, and a cycle", async () => {
      const wrongCompute = tasksWith(['"compute_name": "reporting-warehouse"', '"compute_name": "etl-cluster"']).replace('"file_name": "train_model", "format": "py", "dependent_on": ["clean_orders"], "compute_name": "ml-cluster"', '"file_name": "train_model", "format": "py", "dependent_on": ["clean_orders"], "compute_name": "reporting-warehouse"');
      const { result } = await imported({ tasks: wrongCompute });
      expectProblem(result.diagnostics, "ORC606", "task 5 (`daily_report`) is a SQL file on cluster `etl-cluster`; a SQL file runs on a warehouse", wrongCompute, '"etl-cluster"', 4);
      expectProblem(result.diagnostics, "ORC607", "task 4 (`train_model`) is a notebook on warehouse `reporting-warehouse`; orchc runs notebooks on clusters or serverless compute", wrongCompute, '"reporting-warehouse"');
      const cycle = tasksWith(['"file_name": "ingest_orders", "format": "py", "dependent_on": []', '"file_name": "ingest_orders", "format": "py", "dependent_on": ["clean_orders"]']);
      expectProblem((await imported({ tasks: cycle })).result.diagnostics, "ORC604", "the tasks' dependencies form a cycle: `ingest_orders` → `clean_orders` → `ingest_orders`", cycle, '["clean_orders"]');
    });

    it("cluster and warehouse settings of the wrong kind", async () => {
      const clusters = CLUSTERS.replace('"num_workers": 2', '"num_workers": -2').replace('"spark_version": "15.4.x-scala2.12",', "");
      const warehouses = WAREHOUSES.replace('"cluster_size": "2X-Small"', '"cluster_size": "Tiny"').replace('"auto_stop_mins": 10', '"auto_stop_mins": 5');
      const { result } = await imported({ clusters, warehouses });
      expect(result.diagnostics.every((diagnostic) => diagnostic.code === "ORC602")).toBe(true);
      expectProblem(result.diagnostics, "ORC602", "cluster `etl-cluster` has no `spark_version`", clusters, "{", 2);
      expectProblem(result.diagnostics, "ORC602", "cluster `ml-cluster`, column `num_workers`: expected a whole number of workers, 0 or more; got -2", clusters, "-2");
      expectProblem(result.diagnostics, "ORC602", /^warehouse `reporting-warehouse`, column `cluster_size`: expected one of 2X-Small, /, warehouses, '"Tiny"');
      expectProblem(result.diagnostics, "ORC602", "warehouse `reporting-warehouse`, column `auto_stop_mins`: expected 0 (never) or at least 10 minutes; got 5", warehouses, "5");
    });

    it("the seed's own template, filled in as written: its placeholder format is refused, not guessed", async () => {
      const template = readFileSync(join(repoRoot, "test", "importers", "fixtures", "seed-004-dependency-template.json"), "utf8");
      const { result } = await imported({ tasks: template });
      expect(result.diagnostics).toHaveLength(1);
      expectProblem(result.diagnostics, "ORC607", "task 1 (`file-name`) has format `format-of-file`, which orchc does not import", template, '"format-of-file"');
      const withFormat = template.replace("format-of-file", "py");
      const next = await imported({ tasks: withFormat });
      expectProblem(next.result.diagnostics, "ORC603", "task 1 (`file-name`) depends on `tasks-names-on-which-the-current-task-is-dependent-on`, which no task names", withFormat, '["tasks-names');
      expectProblem(next.result.diagnostics, "ORC606", "task 1 (`file-name`) runs on `compute-name`, which neither config file defines", withFormat, '"compute-name"');
    });

    it("an unknown column in the task list, with a did-you-mean", async () => {
      const tasks = tasksWith(['"dependent_on": ["clean_orders"], "compute_name": "ml-cluster"', '"depends_on": ["clean_orders"], "compute_name": "ml-cluster"']);
      const { result } = await imported({ tasks });
      expectProblem(result.diagnostics, "ORC602", "task 4 (`train_model`) has an unknown column `depends_on`", tasks, '"depends_on"');
      expect(result.diagnostics[0]!.hint).toBe("did you mean `dependent_on`?");
    });
  });
});
