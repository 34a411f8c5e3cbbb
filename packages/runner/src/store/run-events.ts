import type { ParamValue } from "../plan.js";

export const RUN_STATUSES = ["success", "partial", "failed", "interrupted"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/**
 * success; failed (after its last attempt); skipped (its own runIf rule said no); upstream_failed
 * (did not run because a task it needs failed or was itself upstream_failed); interrupted (stopped
 * by a signal or the pipeline's timeout, or never started because of one). Journals written before
 * upstream_failed existed record such tasks as skipped, and still read as they were written.
 */
export const TASK_STATUSES = ["success", "failed", "skipped", "upstream_failed", "interrupted"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** How an iteration of a for-each task ended: a task's statuses, less those of a task that never ran. */
export const ITERATION_STATUSES = ["success", "failed", "interrupted"] as const;
export type IterationStatus = (typeof ITERATION_STATUSES)[number];
export const ATTEMPT_OUTCOMES = ["success", "failed", "timed_out", "interrupted"] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Whether a word read from a journal (a file anyone with the folder can edit) is one of `words`. */
export const isOneOf = <T extends string>(words: ReadonlyArray<T>, word: unknown): word is T => words.includes(word as T);

/**
 * Every state transition of a run, in the order it happened. The run store's journal is these
 * records, one JSON object per line; `--json` prints the same records (plus output lines).
 * Times are milliseconds since the epoch.
 */
export type RunEvent =
  | {
      readonly type: "run_started";
      readonly at: number;
      readonly runId: string;
      readonly pipeline: { readonly id: string; readonly name: string };
      readonly planHash: string;
      readonly environment: string | null;
      readonly params: Readonly<Record<string, ParamValue>>;
      readonly parallel: number;
      /** The tasks this session may run, in plan order. */
      readonly tasks: ReadonlyArray<string>;
      /** Those of them whose failure leaves the run PARTIAL, not FAILED. */
      readonly optional: ReadonlyArray<string>;
      /** 1 for a new run, then 2, 3… for each `--resume`. */
      readonly session: number;
      readonly pid: number;
    }
  | {
      readonly type: "task_started";
      readonly at: number;
      readonly task: string;
      readonly attempt: number;
      /** The slot's shell; the task runs in the process group of its child. */
      readonly pid: number;
      readonly log: string;
      /** For an iteration of a for-each task: its index in the list (attempts are numbered per iteration) and its item. */
      readonly iteration?: number;
      readonly item?: string;
    }
  | {
      readonly type: "attempt_finished";
      readonly at: number;
      readonly task: string;
      readonly attempt: number;
      readonly outcome: AttemptOutcome;
      /** Null when the process was ended by a signal the runner did not send. */
      readonly exitCode: number | null;
      readonly durationMs: number;
      readonly iteration?: number;
    }
  | { readonly type: "retry_scheduled"; readonly at: number; readonly task: string; readonly attempt: number; readonly delaySeconds: number; readonly iteration?: number }
  | {
      /** A for-each task's list, read when the task became ready; none for an empty or unreadable list (the task ends at once). */
      readonly type: "items_listed";
      readonly at: number;
      readonly task: string;
      readonly items: ReadonlyArray<string>;
      /** Indexes of the iterations that succeeded in an earlier session of the run, with the same item: kept, not run again. */
      readonly kept: ReadonlyArray<number>;
    }
  | {
      /** An iteration ended: after its last attempt, or stopped with the run. Its task ends once every iteration has. */
      readonly type: "iteration_finished";
      readonly at: number;
      readonly task: string;
      readonly iteration: number;
      readonly item: string;
      readonly status: IterationStatus;
      readonly reason: string | null;
    }
  | {
      readonly type: "task_finished";
      readonly at: number;
      readonly task: string;
      readonly status: TaskStatus;
      readonly reason: string | null;
      /** What a succeeded task wrote for the tasks after it, by output name (kept for `--resume`). */
      readonly outputs?: Readonly<Record<string, string>>;
    }
  | { readonly type: "run_finished"; readonly at: number; readonly status: RunStatus; readonly exitCode: number; readonly reason: string | null };

/** A line of a task's output; streamed to `--json` readers, kept in the attempt's log file, not the journal. */
export interface OutputEvent {
  readonly type: "output";
  readonly task: string;
  readonly attempt: number;
  /** The iteration of a for-each task the line comes from. */
  readonly iteration?: number;
  readonly line: string;
}

export const EXIT_CODES: Readonly<Record<RunStatus, number>> = { success: 0, partial: 1, failed: 2, interrupted: 130 };
