import { error } from "@orchc/compiler/diagnostics";
import type { ImportResult } from "@orchc/importers";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { printJson, reportDiagnostics } from "../report-diagnostics.js";
import { writeSourceFile } from "./write-source-file.js";

export interface ImportOptions {
  readonly out: string;
  readonly name?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

/** The command line as the generated header shows it: relative paths, no machine paths. */
export const shownCommand = (words: ReadonlyArray<string>): string => ["orchc import", ...words].join(" ");

export const shownPath = (path: string): string => relative(process.cwd(), resolve(path)) || path;

/** Reports the importer's problems, or writes its pipeline.ts; nothing is written when anything is wrong. */
export async function finishImport(result: ImportResult, options: ImportOptions): Promise<number> {
  const mode = { json: options.json ?? false };
  if ((await reportDiagnostics(result.diagnostics, mode)) || result.source === null) return 1;
  const out = resolve(options.out);
  if (!existsSync(dirname(out))) mkdirSync(dirname(out), { recursive: true });
  const outcome = writeSourceFile(out, result.source, options.force ?? false);
  if (outcome === "exists") {
    await reportDiagnostics([error("ORC404", `${shownPath(out)} exists and differs from this import`, { hint: "pass --force to replace it (edits made to it since are lost), or --out another file" })], mode);
    return 1;
  }
  const tasks = result.pipelines.reduce((sum, pipeline) => sum + pipeline.tasks, 0);
  if (mode.json) {
    printJson({ diagnostics: [], file: shownPath(out), outcome, pipelines: result.pipelines, leftOut: result.leftOut });
    return 0;
  }
  const pipelines = result.pipelines.map((pipeline) => `${pipeline.id} (${pipeline.tasks} task${pipeline.tasks === 1 ? "" : "s"})`).join(", ");
  const leftOut = result.leftOut > 0 ? `; ${result.leftOut} inactive row${result.leftOut === 1 ? "" : "s"} left out` : "";
  process.stdout.write(`orchc: ${outcome === "written" ? "wrote" : "unchanged:"} ${shownPath(out)}: ${pipelines}${leftOut}\n`);
  process.stdout.write(`next: orchc build ${shownPath(out)} --target <target>; ${tasks} task${tasks === 1 ? "" : "s"} in all\n`);
  return 0;
}

export interface WorkflowImportOptions extends ImportOptions {
  readonly tasks: string;
  readonly clusters?: string;
  readonly warehouses?: string;
  readonly notebooksDir: string;
}

export async function importWorkflowOrchestratorCommand(options: WorkflowImportOptions): Promise<number> {
  const { importWorkflowOrchestrator } = await import("@orchc/importers");
  const words = [
    "workflow-orchestrator",
    "--tasks",
    shownPath(options.tasks),
    ...(options.clusters === undefined ? [] : ["--clusters", shownPath(options.clusters)]),
    ...(options.warehouses === undefined ? [] : ["--warehouses", shownPath(options.warehouses)]),
    ...(options.notebooksDir === "notebooks" ? [] : ["--notebooks-dir", options.notebooksDir]),
    ...(options.name === undefined || options.name === "workflow" ? [] : ["--name", options.name]),
  ];
  const result = await importWorkflowOrchestrator({
    tasks: options.tasks,
    ...(options.clusters === undefined ? {} : { clusters: options.clusters }),
    ...(options.warehouses === undefined ? {} : { warehouses: options.warehouses }),
    notebooksDir: options.notebooksDir,
    ...(options.name === undefined ? {} : { name: options.name }),
    command: shownCommand(words),
  });
  return finishImport(result, options);
}

export async function importControlTableCommand(rows: string, options: ImportOptions): Promise<number> {
  const { importControlTable } = await import("@orchc/importers");
  const words = ["control-table", shownPath(rows), ...(options.name === undefined ? [] : ["--name", options.name])];
  const result = await importControlTable({ file: rows, ...(options.name === undefined ? {} : { name: options.name }), command: shownCommand(words) });
  return finishImport(result, options);
}
