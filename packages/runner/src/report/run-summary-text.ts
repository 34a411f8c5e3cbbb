import { taskDurationMs, type RunRecord, type TaskRecord } from "../store/run-record.js";
import type { RunSummary } from "./reporter.js";
import { formatDuration, formatTable, type Style } from "./format.js";

const STATUS_WORDS = { success: "SUCCESS", partial: "PARTIAL", failed: "FAILED", interrupted: "INTERRUPTED" } as const;

/** ` (2 of 3 items succeeded)` after a for-each task's status; nothing for a task that runs once. */
export function iterationsNote(task: TaskRecord): string {
  if (task.iterations.length === 0) return "";
  const succeeded = task.iterations.filter((iteration) => iteration.status === "success").length;
  return ` (${succeeded} of ${task.iterations.length} item${task.iterations.length === 1 ? "" : "s"} succeeded)`;
}

function statusCell(task: TaskRecord | undefined, optional: boolean, style: Style): string {
  const status = task?.status ?? "not started";
  const word = `${status === "upstream_failed" ? "upstream failed" : status}${optional && (status === "failed" || status === "upstream_failed") ? " (optional)" : ""}${task ? iterationsNote(task) : ""}`;
  if (status === "success") return style.green(word);
  if (status === "failed" || status === "upstream_failed") return optional ? style.yellow(word) : style.red(word);
  return style.dim(word);
}

/** The table printed when a run ends: every task, its status, attempts and time. */
export function summaryLines(summary: RunSummary, style: Style): string[] {
  const { record, plan } = summary;
  const rows = [["task", "status", "attempts", "duration"].map(style.bold)];
  for (const task of plan.tasks) {
    const entry = record.tasks.get(task.id);
    if (!entry) continue;
    rows.push([task.id, statusCell(entry, task.optional, style), String(entry.attempts.length), entry.attempts.length === 0 ? "-" : formatDuration(taskDurationMs(entry))]);
  }
  return [...formatTable(rows), "", verdictLine(record, plan.tasks, style), ...hints(summary)];
}

function verdictLine(record: RunRecord, tasks: ReadonlyArray<{ id: string; optional: boolean }>, style: Style): string {
  const status = record.status ?? "interrupted";
  const counts = new Map<string, string[]>();
  for (const task of tasks) {
    const entry = record.tasks.get(task.id);
    if (!entry) continue;
    const key = entry.status === "failed" && task.optional ? "optional failed" : entry.status === "upstream_failed" ? "upstream failed" : (entry.status ?? "not started");
    counts.set(key, [...(counts.get(key) ?? []), task.id]);
  }
  const order = ["success", "failed", "optional failed", "upstream failed", "skipped", "interrupted", "not started"];
  const parts = order
    .filter((key) => counts.has(key))
    .map((key) => {
      const ids = counts.get(key)!;
      const label = key === "success" ? "succeeded" : key;
      return key === "success" || key === "skipped" || ids.length > 5 ? `${ids.length} ${label}` : `${ids.length} ${label} (${ids.join(", ")})`;
    });
  const word = STATUS_WORDS[status];
  const colored = status === "success" ? style.green(word) : status === "partial" ? style.yellow(word) : style.red(word);
  const duration = record.endedAt === null ? "" : ` in ${formatDuration(record.endedAt - record.startedAt)}`;
  // Which tasks failed is already in the counts; a stop (signal, pipeline timeout) needs saying.
  const stopped = status === "interrupted" || counts.has("interrupted") || counts.has("not started");
  const reason = stopped && record.reason ? ` ${record.reason[0]!.toUpperCase()}${record.reason.slice(1)}.` : "";
  return `${style.bold(colored)}${duration}: ${parts.join(", ")}.${reason}`;
}

function hints(summary: RunSummary): string[] {
  const lines = [`logs: ${summary.runDir}/logs/`];
  if (summary.record.status !== "success") lines.push(`resume: ${summary.resumeCommand}`);
  return lines;
}
