import { writeFileSync } from "node:fs";
import type { RunRecord } from "../store/run-record.js";
import { renderHtmlReport } from "./html-report.js";

/** Writes the HTML report of a run; tasks in plan order when known, else in the order the run listed them. */
export function writeRunReport(record: RunRecord, path: string, taskOrder: ReadonlyArray<string> = [...record.tasks.keys()]): void {
  writeFileSync(path, renderHtmlReport(record, { taskOrder, optional: record.optional, generatedAt: Date.now() }));
}
