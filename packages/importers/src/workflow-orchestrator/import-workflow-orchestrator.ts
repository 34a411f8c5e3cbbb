import { didYouMean, type Diagnostic } from "@orchc/compiler";
import { basename, posix } from "node:path";
import { declarationOrder } from "../model/declaration-order.js";
import type { ImportedCompute, ImportedFile, ImportedTask } from "../model/imported-pipeline.js";
import { taskIdFor } from "../model/task-ids.js";
import { checkColumns } from "../read/check-columns.js";
import type { DataDocument } from "../read/data-document.js";
import { problemAt } from "../read/import-diagnostic.js";
import { readImportFile } from "../read/read-import-file.js";
import { writePipelineSource } from "../write/write-pipeline-source.js";
import { readClusterConfig, readWarehouseConfig } from "./read-compute-config.js";
import { TASK_COLUMNS } from "./workflow-columns.js";
import type { ImportResult } from "../control-table/import-control-table.js";

export interface WorkflowImportRequest {
  readonly tasks: string;
  readonly clusters?: string;
  readonly warehouses?: string;
  /** The folder the files are in, relative to the pipeline.ts (the orchestrator's notebooks/). */
  readonly notebooksDir: string;
  /** The pipeline's id (default `workflow`). */
  readonly name?: string;
  readonly command: string;
}

interface TaskEntry {
  readonly index: number;
  readonly fileName: string;
  readonly format: string;
  readonly dependsOn: ReadonlyArray<string>;
  readonly computeName: string | null;
}

const FORMATS = ["py", "ipynb", "sql"];

function readTasks(document: DataDocument, diagnostics: Diagnostic[]): TaskEntry[] {
  if (!Array.isArray(document.value)) {
    diagnostics.push(problemAt(document, [], "ORC602", "the dependency file is a list of tasks: [{ file_name, format, dependent_on, compute_name }, …]"));
    return [];
  }
  return document.value.flatMap((record, index) => {
    const name = (record as { file_name?: unknown } | null)?.file_name;
    const label = `task ${index + 1}${typeof name === "string" && name !== "" ? ` (\`${name}\`)` : ""}`;
    const values = checkColumns(document, [index], label, record, TASK_COLUMNS, diagnostics);
    if (!values) return [];
    const format = (values.format as string).toLowerCase().replace(/^\./, "");
    if (!FORMATS.includes(format)) {
      diagnostics.push(problemAt(document, [index, "format"], "ORC607", `${label} has format \`${values.format}\`, which orchc does not import`, { hint: '"py" (or "ipynb") for a notebook, "sql" for a SQL file' }));
      return [];
    }
    const computeName = values.compute_name as string | null | undefined;
    return [{ index, fileName: values.file_name as string, format, dependsOn: (values.dependent_on as string[] | undefined) ?? [], computeName: computeName === undefined || computeName === null || computeName === "" ? null : computeName }];
  });
}

const taskLabel = (entry: TaskEntry) => `task ${entry.index + 1} (\`${entry.fileName}\`)`;

/** Every dependency and compute a task names must exist, and fit what the task is. */
function checkTasks(document: DataDocument, entries: ReadonlyArray<TaskEntry>, clusters: ReadonlyArray<ImportedCompute>, warehouses: ReadonlyArray<ImportedCompute>, diagnostics: Diagnostic[]): void {
  const seen = new Map<string, TaskEntry>();
  for (const entry of entries) {
    const key = taskIdFor(entry.fileName).toLowerCase();
    const first = seen.get(key);
    if (first) diagnostics.push(problemAt(document, [entry.index, "file_name"], "ORC605", `${taskLabel(entry)} has the same task name as ${taskLabel(first)}`, { hint: "each file_name must be unique: dependent_on names tasks by it" }));
    else seen.set(key, entry);
  }
  const names = entries.map((entry) => entry.fileName);
  const computeNames = [...clusters, ...warehouses].map((compute) => compute.name);
  for (const entry of entries) {
    for (const dependency of entry.dependsOn) {
      if (dependency === entry.fileName) diagnostics.push(problemAt(document, [entry.index, "dependent_on"], "ORC604", `${taskLabel(entry)} depends on itself`, { hint: `remove \`${dependency}\` from its dependent_on` }));
      else if (!names.includes(dependency)) diagnostics.push(problemAt(document, [entry.index, "dependent_on"], "ORC603", `${taskLabel(entry)} depends on \`${dependency}\`, which no task names`, { hint: didYouMean(dependency, names) ?? "add a task for it, or remove it from dependent_on" }));
    }
    const place = [entry.index, "compute_name"];
    if (entry.computeName === null) {
      if (entry.format === "sql") diagnostics.push(problemAt(document, [entry.index], "ORC606", `${taskLabel(entry)} is a SQL file, which runs on a warehouse, and names none`, { hint: "set compute_name to a warehouse from warehouse_config.json" }));
      continue;
    }
    const isCluster = clusters.some((compute) => compute.name === entry.computeName);
    const isWarehouse = warehouses.some((compute) => compute.name === entry.computeName);
    if (!isCluster && !isWarehouse) {
      diagnostics.push(problemAt(document, place, "ORC606", `${taskLabel(entry)} runs on \`${entry.computeName}\`, which neither config file defines`, { hint: didYouMean(entry.computeName, computeNames) ?? `defined: ${computeNames.join(", ") || "none"}` }));
    } else if (entry.format === "sql" && !isWarehouse) {
      diagnostics.push(problemAt(document, place, "ORC606", `${taskLabel(entry)} is a SQL file on cluster \`${entry.computeName}\`; a SQL file runs on a warehouse`, { hint: "name a warehouse from warehouse_config.json" }));
    } else if (entry.format !== "sql" && isWarehouse) {
      diagnostics.push(problemAt(document, place, "ORC607", `${taskLabel(entry)} is a notebook on warehouse \`${entry.computeName}\`; orchc runs notebooks on clusters or serverless compute`, { hint: "name a cluster from cluster_config.json, leave compute_name empty for serverless, or make it a .sql file" }));
    }
  }
}

/** `orchc import workflow-orchestrator`: the dependency file and compute configs → one pipeline with its compute. */
export async function importWorkflowOrchestrator(request: WorkflowImportRequest): Promise<ImportResult> {
  const failed = (diagnostics: ReadonlyArray<Diagnostic>): ImportResult => ({ source: null, diagnostics, pipelines: [], leftOut: 0 });
  const files = [request.tasks, request.clusters, request.warehouses].map((file) => (file === undefined ? null : readImportFile(file)));
  const readProblems = files.flatMap((file) => file?.diagnostics ?? []);
  if (readProblems.length > 0) return failed(readProblems);
  const [tasksDocument, clustersDocument, warehousesDocument] = files.map((file) => file?.document ?? null);
  const diagnostics: Diagnostic[] = [];
  const entries = readTasks(tasksDocument!, diagnostics);
  const clusters = clustersDocument ? readClusterConfig(clustersDocument, diagnostics) : [];
  const warehouses = warehousesDocument ? readWarehouseConfig(warehousesDocument, diagnostics) : [];
  for (const warehouse of warehouses) {
    if (clusters.some((cluster) => cluster.name === warehouse.name)) diagnostics.push(problemAt(warehousesDocument!, [warehouse.name], "ORC605", `\`${warehouse.name}\` names both a cluster and a warehouse`, { key: true, hint: "rename one: compute_name must say which it means" }));
  }
  if (diagnostics.length > 0) return failed(diagnostics);
  if (entries.length === 0) return failed([problemAt(tasksDocument!, [], "ORC602", "the dependency file lists no tasks")]);
  checkTasks(tasksDocument!, entries, clusters, warehouses, diagnostics);
  if (diagnostics.length > 0) return failed(diagnostics);
  const ordered = declarationOrder(entries, (entry) => entry.fileName, (entry) => entry.dependsOn);
  if ("cycle" in ordered) {
    const first = entries.find((entry) => entry.fileName === ordered.cycle[0])!;
    return failed([problemAt(tasksDocument!, [first.index, "dependent_on"], "ORC604", `the tasks' dependencies form a cycle: ${ordered.cycle.map((name) => `\`${name}\``).join(" → ")}`, { hint: "remove one of these dependencies" })]);
  }

  const computeId = new Map([...clusters, ...warehouses].map((compute) => [compute.name, taskIdFor(compute.name)]));
  const tasks: ImportedTask[] = ordered.order.map((entry) => {
    const file = posix.join(request.notebooksDir, `${entry.fileName}.${entry.format}`);
    const compute = entry.computeName === null ? null : computeId.get(entry.computeName)!;
    return {
      id: taskIdFor(entry.fileName),
      action: entry.format === "sql" ? { kind: "sql", file, warehouse: compute! } : { kind: "notebook", path: file, params: {} },
      after: entry.dependsOn.map(taskIdFor),
      retries: null,
      timeoutSeconds: null,
      compute: entry.format === "sql" ? null : compute,
      tags: [],
      origin: `${basename(tasksDocument!.file)} task ${entry.index + 1}`,
    };
  });
  const id = taskIdFor(request.name ?? "workflow");
  const sources = [request.tasks, request.clusters, request.warehouses].flatMap((file) => (file === undefined ? [] : [basename(file)]));
  const imported: ImportedFile = {
    header: [
      `Imported from ${sources.join(", ")} by \`${request.command}\`.`,
      "From here on this file is the source: edit it, then run `orchc build`.",
      "Clusters become job clusters created for each run; warehouses are created by the Databricks bundle;",
      "each task runs its file on the compute its compute_name names, after the tasks in its dependent_on.",
    ],
    pipelines: [
      {
        exportName: "workflow",
        id,
        description: `Imported from the Workflow Orchestrator's ${sources.join(", ")}.`,
        compute: [...clusters, ...warehouses].map((compute) => ({ ...compute, name: computeId.get(compute.name)! })),
        tasks,
        notes: [],
      },
    ],
  };
  return { source: await writePipelineSource(imported), diagnostics: [], pipelines: [{ id, tasks: tasks.length }], leftOut: 0 };
}
