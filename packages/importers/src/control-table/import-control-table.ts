import { didYouMean, type Diagnostic } from "@orchc/compiler";
import { basename, extname } from "node:path";
import { declarationOrder } from "../model/declaration-order.js";
import type { ImportedFile, ImportedPipeline, ImportedTask } from "../model/imported-pipeline.js";
import { pipelineIdFor, taskIdFor } from "../model/task-ids.js";
import { portableIdFor } from "@orchc/compiler";
import type { DataDocument } from "../read/data-document.js";
import { problemAt } from "../read/import-diagnostic.js";
import { readImportFile } from "../read/read-import-file.js";
import { VariableNames } from "../write/variable-names.js";
import { writePipelineSource } from "../write/write-pipeline-source.js";
import type { ControlTableRow } from "./control-table-columns.js";
import { readControlTable, rowLabel } from "./read-control-table.js";

export interface ImportRequest {
  readonly file: string;
  /** Pipeline ids start with it (default: the file's name). */
  readonly name?: string;
  /** The command line, for the generated file's header. */
  readonly command: string;
}

export interface ImportResult {
  readonly source: string | null;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly pipelines: ReadonlyArray<{ readonly id: string; readonly tasks: number }>;
  readonly leftOut: number;
}

const groupOrder = (a: string, b: string) => (/^-?\d+$/.test(a) && /^-?\d+$/.test(b) ? Number(a) - Number(b) : a.localeCompare(b));

/** Names must be unique, and their ids too (ids are unique ignoring case on every target). */
function checkNames(document: DataDocument, rows: ReadonlyArray<ControlTableRow>, diagnostics: Diagnostic[]): void {
  const seen = new Map<string, ControlTableRow>();
  for (const row of rows) {
    const key = taskIdFor(row.name).toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, row);
      continue;
    }
    const same = first.name === row.name;
    diagnostics.push(
      problemAt(document, [row.index, "notebook_name"], "ORC605", `${rowLabel(row.index, row.name)} ${same ? "repeats the name of" : "becomes the same task id as"} ${rowLabel(first.index, first.name)}`, {
        hint: "each notebook_name must be unique: dependencies name rows by it",
      }),
    );
  }
}

/** A dependency must be an active row of the same process group: a DAG is built per group. */
function checkDependencies(document: DataDocument, rows: ReadonlyArray<ControlTableRow>, diagnostics: Diagnostic[]): void {
  const byName = new Map(rows.map((row) => [row.name, row]));
  for (const row of rows.filter((candidate) => candidate.active)) {
    for (const name of row.dependencies) {
      const target = byName.get(name);
      const place = [row.index, "dependencies"];
      const label = rowLabel(row.index, row.name);
      if (target === undefined) {
        const suggestion = didYouMean(name, [...byName.keys()]);
        diagnostics.push(problemAt(document, place, "ORC603", `${label} depends on \`${name}\`, which no row names`, { hint: suggestion ?? "add a row for it, or remove it from the dependencies" }));
      } else if (target === row) {
        diagnostics.push(problemAt(document, place, "ORC604", `${label} depends on itself`, { hint: `remove \`${name}\` from its dependencies` }));
      } else if (!target.active) {
        diagnostics.push(problemAt(document, place, "ORC603", `${label} depends on \`${name}\`, which is inactive (${rowLabel(target.index, undefined)})`, { hint: `set active to 1 on ${rowLabel(target.index, undefined)}, or remove \`${name}\` from the dependencies` }));
      } else if (target.processGroup !== row.processGroup) {
        diagnostics.push(
          problemAt(document, place, "ORC603", `${label} in process group ${row.processGroup} depends on \`${name}\`, which is in process group ${target.processGroup}`, {
            hint: "each process group runs as its own job; move both rows into one group, or drop the dependency",
          }),
        );
      }
    }
  }
}

function pipelineOf(
  document: DataDocument,
  prefix: string,
  group: string,
  rows: ReadonlyArray<ControlTableRow>,
  names: VariableNames,
  diagnostics: Diagnostic[],
): ImportedPipeline | null {
  const active = rows.filter((row) => row.active);
  const ordered = declarationOrder(active, (row) => row.name, (row) => row.dependencies);
  if ("cycle" in ordered) {
    const first = active.find((row) => row.name === ordered.cycle[0])!;
    diagnostics.push(problemAt(document, [first.index, "dependencies"], "ORC604", `the dependencies of process group ${group} form a cycle: ${ordered.cycle.map((name) => `\`${name}\``).join(" → ")}`, { hint: "remove one of these dependencies" }));
    return null;
  }
  const tag = portableIdFor(`process_group_${group}`);
  const tasks: ImportedTask[] = ordered.order.map((row) => {
    const id = taskIdFor(row.name);
    return {
      id,
      action: { kind: "notebook", path: row.path, params: row.parameters },
      after: row.dependencies.map(taskIdFor),
      retries: row.retries > 0 ? { count: row.retries, delaySeconds: row.retryIntervalSeconds } : null,
      timeoutSeconds: row.timeoutSeconds,
      compute: null,
      tags: [tag],
      origin: `${basename(document.file)} row ${row.index + 1}${id === row.name ? "" : `, notebook_name ${JSON.stringify(row.name)}`}`,
    };
  });
  const leftOut = rows.filter((row) => !row.active);
  return {
    exportName: names.nameFor(`process_group_${group}`),
    id: pipelineIdFor(prefix, group),
    description: `Process group ${group} of ${basename(document.file)}: ${tasks.length} notebook${tasks.length === 1 ? "" : "s"}.`,
    compute: [],
    tasks,
    notes: [
      `Process group ${group}.`,
      ...leftOut.map((row) => `Left out: ${rowLabel(row.index, row.name)}, ${JSON.stringify(row.path)}, is inactive (active = 0).`),
    ],
  };
}

/** `orchc import control-table`: the Orchestration Manager's rows → a pipeline per process group. */
export async function importControlTable(request: ImportRequest): Promise<ImportResult> {
  const failed = (diagnostics: ReadonlyArray<Diagnostic>): ImportResult => ({ source: null, diagnostics, pipelines: [], leftOut: 0 });
  const { document, diagnostics: readProblems } = readImportFile(request.file);
  if (!document) return failed(readProblems);
  const { rows, diagnostics } = readControlTable(document);
  if (diagnostics.length > 0) return failed(diagnostics);
  if (rows.length === 0) return failed([problemAt(document, [], "ORC602", "the control table has no rows")]);
  checkNames(document, rows, diagnostics);
  checkDependencies(document, rows, diagnostics);
  if (diagnostics.length > 0) return failed(diagnostics);

  const prefix = request.name ?? basename(document.file, extname(document.file));
  const groups = [...new Set(rows.map((row) => row.processGroup))].sort(groupOrder);
  const names = new VariableNames([]);
  const pipelines = groups.flatMap((group) => pipelineOf(document, prefix, group, rows.filter((row) => row.processGroup === group), names, diagnostics) ?? []);
  if (diagnostics.length > 0) return failed(diagnostics);
  const withTasks = pipelines.filter((pipeline) => pipeline.tasks.length > 0);
  const emptyGroups = pipelines.filter((pipeline) => pipeline.tasks.length === 0);
  if (withTasks.length === 0) return failed([problemAt(document, [], "ORC602", "every row of the control table is inactive: there is nothing to run")]);

  const imported: ImportedFile = {
    header: [
      `Imported from ${basename(document.file)} by \`${request.command}\`.`,
      "From here on this file is the source: edit it, then run `orchc build`.",
      "Each process group is a pipeline; notebook_path and parameters → notebook(), dependencies → .after(),",
      "retry_attempts and interval_between_retry_attempt_seconds → .retries(), timeout_per_cell_seconds → .timeout().",
      ...emptyGroups.map((pipeline) => `Left out: process group ${pipeline.description.split(" of ")[0]!.replace("Process group ", "")}, whose rows are all inactive.`),
    ],
    pipelines: withTasks,
  };
  return {
    source: await writePipelineSource(imported),
    diagnostics: [],
    pipelines: withTasks.map((pipeline) => ({ id: pipeline.id, tasks: pipeline.tasks.length })),
    leftOut: rows.filter((row) => !row.active).length,
  };
}
