import type { ParamValue } from "../plan.js";
import type { AttemptOutcome, IterationStatus, RunEvent, RunStatus, TaskStatus } from "./run-events.js";

export interface AttemptRecord {
  readonly attempt: number;
  /** The iteration of a for-each task it ran (attempts are numbered per iteration); null for a task that runs once. */
  readonly iteration: number | null;
  readonly startedAt: number;
  endedAt: number | null;
  outcome: AttemptOutcome | null;
  exitCode: number | null;
  readonly log: string;
  readonly pid: number;
}

export interface TaskRecord {
  readonly id: string;
  status: TaskStatus | null;
  reason: string | null;
  readonly attempts: AttemptRecord[];
  /** What it wrote for the tasks after it, when it succeeded. */
  outputs: Record<string, string> | null;
  /** A for-each task's list as last read, one record per item; empty until a session reads it. */
  iterations: IterationRecord[];
}

export interface IterationRecord {
  readonly index: number;
  readonly item: string;
  /** Null until it ends (or when a later session will run it again). */
  status: IterationStatus | null;
  reason: string | null;
}

/** A run as its journal tells it: the state `runs show`, `--resume` and the HTML report start from. */
export interface RunRecord {
  readonly runId: string;
  pipeline: { id: string; name: string };
  planHash: string;
  environment: string | null;
  params: Record<string, ParamValue>;
  startedAt: number;
  endedAt: number | null;
  /** Null while running, or when the runner was killed before it could say. */
  status: RunStatus | null;
  reason: string | null;
  sessions: number;
  /** Pid of the runner of the latest session. */
  pid: number;
  readonly tasks: Map<string, TaskRecord>;
  readonly optional: Set<string>;
}

/** A journal is a file anyone with the folder can edit: only text values are taken from it, as text. */
function textValues(outputs: unknown): Record<string, string> | null {
  if (typeof outputs !== "object" || outputs === null || Array.isArray(outputs)) return null;
  return Object.fromEntries(Object.entries(outputs).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** An iteration index as a journal holds it: a whole number, else none (the attempt then reads as the task's own). */
const iterationOf = (value: unknown): number | null => (Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : null);

/** A new list: the iterations an earlier session ran with the same item and that succeeded are kept (the session says which). */
function listIterations(task: TaskRecord, items: unknown, kept: unknown): void {
  const keptIndexes = new Set(Array.isArray(kept) ? kept : []);
  const list = Array.isArray(items) ? items.filter((item): item is string => typeof item === "string") : [];
  task.iterations = list.map((item, index) => {
    const earlier = task.iterations[index];
    return keptIndexes.has(index) && earlier?.item === item && earlier.status === "success" ? earlier : { index, item, status: null, reason: null };
  });
}

function taskOf(record: RunRecord, id: string): TaskRecord {
  let task = record.tasks.get(id);
  if (!task) {
    task = { id, status: null, reason: null, attempts: [], outputs: null, iterations: [] };
    record.tasks.set(id, task);
  }
  return task;
}

/** Applies one journal record; a new session clears what the previous one left unfinished. */
export function applyEvent(record: RunRecord | null, event: RunEvent): RunRecord | null {
  if (event.type === "run_started") {
    if (record === null) {
      record = {
        runId: event.runId,
        pipeline: { ...event.pipeline },
        planHash: event.planHash,
        environment: event.environment,
        params: { ...event.params },
        startedAt: event.at,
        endedAt: null,
        status: null,
        reason: null,
        sessions: 0,
        pid: event.pid,
        tasks: new Map(),
        optional: new Set(),
      };
    }
    record.sessions = event.session;
    record.pid = event.pid;
    record.planHash = event.planHash;
    record.status = null;
    record.reason = null;
    record.endedAt = null;
    for (const id of event.optional ?? []) record.optional.add(id);
    for (const id of event.tasks) {
      const task = taskOf(record, id);
      if (task.status !== "success") {
        task.status = null;
        task.reason = null;
        task.outputs = null;
        // Its succeeded iterations may be kept when the session reads the list again; the others will run again.
        for (const iteration of task.iterations) {
          if (iteration.status === "success") continue;
          iteration.status = null;
          iteration.reason = null;
        }
      }
    }
    return record;
  }
  if (record === null) return null;
  switch (event.type) {
    case "task_started":
      taskOf(record, event.task).attempts.push({ attempt: event.attempt, iteration: iterationOf(event.iteration), startedAt: event.at, endedAt: null, outcome: null, exitCode: null, log: event.log, pid: event.pid });
      break;
    case "attempt_finished": {
      const iteration = iterationOf(event.iteration);
      const attempt = taskOf(record, event.task).attempts.find((entry) => entry.attempt === event.attempt && entry.iteration === iteration);
      if (attempt) {
        attempt.endedAt = event.at;
        attempt.outcome = event.outcome;
        attempt.exitCode = event.exitCode;
      }
      break;
    }
    case "task_finished": {
      const task = taskOf(record, event.task);
      task.status = event.status;
      task.reason = event.reason;
      task.outputs = event.status === "success" ? textValues(event.outputs) : null;
      break;
    }
    case "items_listed":
      listIterations(taskOf(record, event.task), event.items, event.kept);
      break;
    case "iteration_finished": {
      const iteration = taskOf(record, event.task).iterations[iterationOf(event.iteration) ?? -1];
      if (iteration) {
        iteration.status = event.status;
        iteration.reason = event.reason;
      }
      break;
    }
    case "run_finished":
      record.status = event.status;
      record.reason = event.reason;
      record.endedAt = event.at;
      break;
    case "retry_scheduled":
      break;
  }
  return record;
}

/** Reads a journal's text; a line torn by a crash mid-write (the last one) is ignored. */
export function replayJournal(text: string): RunRecord | null {
  let record: RunRecord | null = null;
  for (const line of text.split("\n")) {
    if (line === "") continue;
    let event: RunEvent;
    try {
      event = JSON.parse(line) as RunEvent;
    } catch {
      continue;
    }
    record = applyEvent(record, event);
  }
  return record;
}

/** A for-each task's attempts by iteration index, each list in journal order. */
export function attemptsByIteration(task: TaskRecord): Map<number, AttemptRecord[]> {
  const byIteration = new Map<number, AttemptRecord[]>();
  for (const attempt of task.attempts) {
    if (attempt.iteration === null) continue;
    const attempts = byIteration.get(attempt.iteration);
    if (attempts === undefined) byIteration.set(attempt.iteration, [attempt]);
    else attempts.push(attempt);
  }
  return byIteration;
}

const endOf = (attempt: AttemptRecord) => attempt.endedAt ?? attempt.startedAt;

/** The sum of the attempts' durations, retry waits excluded (an attempt without an end counts for nothing). */
export const attemptsDurationMs = (attempts: ReadonlyArray<AttemptRecord>): number => attempts.reduce((sum, attempt) => sum + (endOf(attempt) - attempt.startedAt), 0);

/**
 * How long a task took: its attempts' sum, retry waits excluded; for a for-each task, whose
 * iterations overlap, from its first attempt's start to its last attempt's end.
 */
export function taskDurationMs(task: TaskRecord): number {
  if (task.iterations.length === 0 || task.attempts.length === 0) return attemptsDurationMs(task.attempts);
  return task.attempts.reduce((end, attempt) => Math.max(end, endOf(attempt)), -Infinity) - task.attempts.reduce((start, attempt) => Math.min(start, attempt.startedAt), Infinity);
}

/** Wall time of a run so far: from its first start to its last recorded moment. */
export function runDurationMs(record: RunRecord): number | null {
  if (record.endedAt !== null) return record.endedAt - record.startedAt;
  return null;
}
