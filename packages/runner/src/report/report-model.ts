import { ATTEMPT_OUTCOMES, isOneOf, RUN_STATUSES, TASK_STATUSES, type RunStatus, type TaskStatus } from "../store/run-events.js";
import { runDurationMs, type AttemptRecord, type RunRecord, type TaskRecord } from "../store/run-record.js";
import type { BarOutcome } from "./report-palette.js";

export interface HtmlReportOptions {
  /** Rows of the timeline and the table, in this order (plan order). */
  readonly taskOrder: ReadonlyArray<string>;
  readonly optional: ReadonlySet<string>;
  /** "Now" for a run still going: where its open attempts end. Also printed in the footer. */
  readonly generatedAt: number;
}

/** A run without a final status is shown as running: the journal cannot tell a live runner from a killed one. */
export type BadgeStatus = RunStatus | "running";
/** A task's recorded status, or what a task without one is doing. */
export type RowStatus = TaskStatus | "running" | "retrying" | "pending" | "not-run" | "unfinished";

/** "not-run" → "not run", "upstream_failed" → "upstream failed": the words a status is shown as. */
export const statusLabel = (status: RowStatus): string => status.replace(/[-_]/g, " ");

export interface BarModel {
  readonly attempt: number;
  readonly outcome: BarOutcome;
  readonly exitCode: number | null;
  /** Milliseconds from the start of the run. */
  readonly startMs: number;
  readonly endMs: number;
}

export interface RowModel {
  readonly task: string;
  readonly status: RowStatus;
  readonly reason: string | null;
  readonly optional: boolean;
  readonly bars: ReadonlyArray<BarModel>;
  /** The sum of the attempts, retry waits excluded. */
  readonly durationMs: number;
  /** The latest attempt's log file. */
  readonly log: string | null;
}

/** The report's data, with every time already turned into an offset from the run's start. */
export interface ReportModel {
  readonly status: BadgeStatus;
  readonly durationMs: number;
  /** The width of the timeline: at least the run, and every bar inside it. */
  readonly spanMs: number;
  readonly rows: ReadonlyArray<RowModel>;
}

// States come from the journal and land in class and data attributes: a word the runner does not write is shown as not finished.
function rowStatus(task: TaskRecord | undefined, running: boolean): RowStatus {
  if (task?.status) return isOneOf(TASK_STATUSES, task.status) ? task.status : "unfinished";
  const last = task?.attempts[task.attempts.length - 1];
  if (!last) return running ? "pending" : "not-run";
  if (!running) return "unfinished";
  return last.outcome === null ? "running" : "retrying";
}

function barOf(attempt: AttemptRecord, next: AttemptRecord | undefined, record: RunRecord, options: HtmlReportOptions): BarModel {
  // An attempt without an end was cut off: by now if the run goes on, else by whatever came next.
  const openEnd = Math.min(next?.startedAt ?? Infinity, record.endedAt ?? options.generatedAt);
  const endedAt = Math.max(attempt.endedAt ?? openEnd, attempt.startedAt);
  return {
    attempt: attempt.attempt,
    outcome: attempt.outcome === null ? (record.status === null ? "running" : "interrupted") : isOneOf(ATTEMPT_OUTCOMES, attempt.outcome) ? attempt.outcome : "interrupted",
    exitCode: attempt.exitCode,
    startMs: attempt.startedAt - record.startedAt,
    endMs: endedAt - record.startedAt,
  };
}

export function buildReportModel(record: RunRecord, options: HtmlReportOptions): ReportModel {
  const running = record.status === null;
  // Tasks the journal knows but the caller did not list still get a row, after the listed ones.
  const order = [...new Set([...options.taskOrder, ...record.tasks.keys()])];
  const rows = order.map((id): RowModel => {
    const task = record.tasks.get(id);
    const attempts = [...(task?.attempts ?? [])].sort((a, b) => a.startedAt - b.startedAt);
    const bars = attempts.map((attempt, index) => barOf(attempt, attempts[index + 1], record, options));
    return {
      task: id,
      status: rowStatus(task, running),
      reason: task?.reason ?? null,
      optional: options.optional.has(id),
      bars,
      durationMs: bars.reduce((sum, bar) => sum + (bar.endMs - bar.startMs), 0),
      log: attempts[attempts.length - 1]?.log ?? null,
    };
  });
  const durationMs = runDurationMs(record) ?? Math.max(options.generatedAt - record.startedAt, 0);
  const lastBarEnd = rows.reduce((latest, row) => row.bars.reduce((end, bar) => Math.max(end, bar.endMs), latest), 0);
  return { status: isOneOf(RUN_STATUSES, record.status) ? record.status : "running", durationMs, spanMs: Math.max(durationMs, lastBarEnd, 1), rows };
}
