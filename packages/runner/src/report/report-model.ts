import { ATTEMPT_OUTCOMES, isOneOf, ITERATION_STATUSES, RUN_STATUSES, TASK_STATUSES, type RunStatus, type TaskStatus } from "../store/run-events.js";
import { attemptsByIteration, runDurationMs, type AttemptRecord, type RunRecord, type TaskRecord } from "../store/run-record.js";
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
  /** A row of one iteration of a for-each task (under its task's row): its index and item. */
  readonly iteration: { readonly index: number; readonly item: string } | null;
  readonly status: RowStatus;
  readonly reason: string | null;
  readonly optional: boolean;
  readonly bars: ReadonlyArray<BarModel>;
  /** The sum of the attempts, retry waits excluded; a for-each task's: from its first attempt's start to its last one's end. */
  readonly durationMs: number;
  /** The latest attempt's log file. */
  readonly log: string | null;
  /** A for-each task's iterations, in list order (its own row then has no bars); empty for any other task. */
  readonly iterations: ReadonlyArray<RowModel>;
}

/** The report's data, with every time already turned into an offset from the run's start. */
export interface ReportModel {
  readonly status: BadgeStatus;
  readonly durationMs: number;
  /** The width of the timeline: at least the run, and every bar inside it. */
  readonly spanMs: number;
  readonly rows: ReadonlyArray<RowModel>;
}

/**
 * A task's or an iteration's row status: its recorded one, else what its last attempt (in journal
 * order) says. States come from the journal and land in class and data attributes: a word the
 * runner does not write (not in `known`) is shown as not finished.
 */
function rowStatus(status: TaskStatus | null | undefined, known: ReadonlyArray<TaskStatus>, last: AttemptRecord | undefined, running: boolean): RowStatus {
  if (status) return isOneOf(known, status) ? status : "unfinished";
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

interface Bars {
  readonly bars: BarModel[];
  /** The attempt that started last: its log is the row's. */
  readonly last: AttemptRecord | undefined;
}

/** A bar per attempt, in the order they started. */
function barsOf(attempts: ReadonlyArray<AttemptRecord>, record: RunRecord, options: HtmlReportOptions): Bars {
  const sorted = [...attempts].sort((a, b) => a.startedAt - b.startedAt);
  return { bars: sorted.map((attempt, index) => barOf(attempt, sorted[index + 1], record, options)), last: sorted[sorted.length - 1] };
}

const summedMs = (bars: ReadonlyArray<BarModel>) => bars.reduce((sum, bar) => sum + (bar.endMs - bar.startMs), 0);
/** From the first bar's start to the last one's end: iterations overlap, so their sum would overstate the time. */
const spanMs = (bars: ReadonlyArray<BarModel>) =>
  bars.length === 0 ? 0 : bars.reduce((end, bar) => Math.max(end, bar.endMs), -Infinity) - bars.reduce((start, bar) => Math.min(start, bar.startMs), Infinity);

/** A for-each task's rows: one per iteration of its list as last read, each with its own attempts. */
function iterationRows(task: TaskRecord, record: RunRecord, options: HtmlReportOptions, optional: boolean): RowModel[] {
  const attemptsByIndex = attemptsByIteration(task);
  return task.iterations.map((iteration) => {
    const attempts = attemptsByIndex.get(iteration.index) ?? [];
    const { bars, last } = barsOf(attempts, record, options);
    return {
      task: task.id,
      iteration: { index: iteration.index, item: iteration.item },
      status: rowStatus(iteration.status, ITERATION_STATUSES, attempts[attempts.length - 1], record.status === null),
      reason: iteration.reason,
      optional,
      bars,
      durationMs: summedMs(bars),
      log: last?.log ?? null,
      iterations: [],
    };
  });
}

export function buildReportModel(record: RunRecord, options: HtmlReportOptions): ReportModel {
  const running = record.status === null;
  // Tasks the journal knows but the caller did not list still get a row, after the listed ones.
  const order = [...new Set([...options.taskOrder, ...record.tasks.keys()])];
  const rows = order.map((id): RowModel => {
    const task = record.tasks.get(id);
    const optional = options.optional.has(id);
    const iterations = task === undefined || task.iterations.length === 0 ? [] : iterationRows(task, record, options, optional);
    const forEachBars = iterations.flatMap((iteration) => iteration.bars);
    // A for-each task's bars and logs are its iterations'.
    const { bars, last }: Bars = iterations.length > 0 ? { bars: [], last: undefined } : barsOf(task?.attempts ?? [], record, options);
    return {
      task: id,
      iteration: null,
      status: rowStatus(task?.status, TASK_STATUSES, task?.attempts[task.attempts.length - 1], running),
      reason: task?.reason ?? null,
      optional,
      bars,
      durationMs: iterations.length > 0 ? spanMs(forEachBars) : summedMs(bars),
      log: last?.log ?? null,
      iterations,
    };
  });
  const durationMs = runDurationMs(record) ?? Math.max(options.generatedAt - record.startedAt, 0);
  const lastBarEnd = rows.flatMap((row) => [row, ...row.iterations]).reduce((latest, row) => row.bars.reduce((end, bar) => Math.max(end, bar.endMs), latest), 0);
  return { status: isOneOf(RUN_STATUSES, record.status) ? record.status : "running", durationMs, spanMs: Math.max(durationMs, lastBarEnd, 1), rows };
}
