// Journals of realistic runs, shared by the report's unit tests and its Chromium conformance test.
import type { AttemptOutcome, RunEvent, RunStatus, TaskStatus } from "../../../packages/runner/src/store/run-events.js";
import { applyEvent, type RunRecord } from "../../../packages/runner/src/store/run-record.js";

export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
export const RUN_ID = "20240501T120000Z-3f9a";
const at = (seconds: number) => T0 + Math.round(seconds * 1000);

export const HOSTILE_NAME = `<script>alert("pipeline")</script> & 'quotes' — ünïcödé ✓ 🚀`;
export const HOSTILE_PARAM = `</style><script>document.title="x"</script>&amp;`;
export const HOSTILE_REASON = `exit code 2: <b>boom</b> "quoted" & <!-- comment --> ]]>`;

export const TASKS = ["extract", "transform", "load_warehouse", "publish_report", "notify_slack"] as const;
export const OPTIONAL = new Set<string>(["notify_slack"]);

export function recordOf(events: ReadonlyArray<RunEvent>): RunRecord {
  let record: RunRecord | null = null;
  for (const event of events) record = applyEvent(record, event);
  if (record === null) throw new Error("the journal has no run_started");
  return record;
}

/** Events as the runner writes them: in time order, parallel tasks interleaved. */
const chronological = (events: ReadonlyArray<RunEvent>) => [...events].sort((a, b) => a.at - b.at);

function runStarted(seconds: number, session: number, tasks: ReadonlyArray<string> = TASKS): RunEvent {
  return {
    type: "run_started",
    at: at(seconds),
    runId: RUN_ID,
    pipeline: { id: "nightly_etl", name: HOSTILE_NAME },
    planHash: "sha256:5d41402abc4b2a76",
    environment: "prod",
    params: { region: "eu-west-1", limit: 100, dry_run: false, note: HOSTILE_PARAM },
    parallel: 4,
    tasks,
    optional: tasks.filter((task) => OPTIONAL.has(task)),
    session,
    pid: 4100 + session,
  };
}

function started(task: string, attempt: number, seconds: number): RunEvent {
  return { type: "task_started", at: at(seconds), task, attempt, pid: 5000 + attempt, log: `.orchc/runs/${RUN_ID}/logs/${task}.${attempt}.log` };
}

function attempt(task: string, n: number, from: number, to: number, outcome: AttemptOutcome, exitCode: number | null): RunEvent[] {
  return [
    started(task, n, from),
    { type: "attempt_finished", at: at(to), task, attempt: n, outcome, exitCode, durationMs: at(to) - at(from) },
  ];
}

const retry = (task: string, n: number, seconds: number, delaySeconds: number): RunEvent => ({ type: "retry_scheduled", at: at(seconds), task, attempt: n, delaySeconds });
const finished = (task: string, seconds: number, status: TaskStatus, reason: string | null = null): RunEvent => ({ type: "task_finished", at: at(seconds), task, status, reason });
const runFinished = (seconds: number, status: RunStatus, exitCode: number, reason: string | null = null): RunEvent => ({ type: "run_finished", at: at(seconds), status, exitCode, reason });

/** extract ok; transform fails twice (5 s and 10 s retry waits) then succeeds; load times out; publish is skipped; optional notify fails. */
export function failedRun(): RunEvent[] {
  return chronological([
    runStarted(0, 1),
    ...attempt("extract", 1, 0.2, 12.2, "success", 0),
    finished("extract", 12.2, "success"),
    ...attempt("transform", 1, 12.5, 20.5, "failed", 1),
    retry("transform", 1, 20.5, 5),
    ...attempt("transform", 2, 25.5, 31.5, "failed", 1),
    retry("transform", 2, 31.5, 10),
    ...attempt("transform", 3, 41.5, 60, "success", 0),
    finished("transform", 60, "success"),
    ...attempt("notify_slack", 1, 12.6, 14.1, "failed", 2),
    finished("notify_slack", 14.1, "failed", HOSTILE_REASON),
    ...attempt("load_warehouse", 1, 60.2, 120.2, "timed_out", 124),
    finished("load_warehouse", 120.2, "failed", "timed out after 1m"),
    finished("publish_report", 120.3, "skipped", "upstream load_warehouse failed"),
    runFinished(120.5, "failed", 2, "1 task failed: load_warehouse"),
  ]);
}

/** extract fails: transform and load_warehouse never run (upstream_failed); publish_report (atLeastOneFailed) and notify_slack run. */
export function upstreamFailedRun(): RunEvent[] {
  return chronological([
    runStarted(0, 1),
    ...attempt("extract", 1, 0.2, 2.2, "failed", 1),
    finished("extract", 2.2, "failed", "exit code 1"),
    finished("transform", 2.2, "upstream_failed", "runIf allSuccess not met: extract failed"),
    finished("load_warehouse", 2.2, "upstream_failed", "runIf allSuccess not met: transform upstream failed"),
    ...attempt("notify_slack", 1, 0.2, 1, "success", 0),
    finished("notify_slack", 1, "success"),
    ...attempt("publish_report", 1, 2.3, 3, "success", 0),
    finished("publish_report", 3, "success"),
    runFinished(3.1, "failed", 2, "failed: extract"),
  ]);
}

/** Everything succeeds but the optional notify task. */
export function partialRun(): RunEvent[] {
  return chronological([
    runStarted(0, 1),
    ...attempt("extract", 1, 0, 4, "success", 0),
    finished("extract", 4, "success"),
    ...attempt("transform", 1, 4.1, 9, "success", 0),
    finished("transform", 9, "success"),
    ...attempt("notify_slack", 1, 4.1, 4.9, "failed", 1),
    finished("notify_slack", 4.9, "failed", "exit code 1"),
    ...attempt("load_warehouse", 1, 9.1, 15, "success", 0),
    finished("load_warehouse", 15, "success"),
    ...attempt("publish_report", 1, 15.1, 16, "success", 0),
    finished("publish_report", 16, "success"),
    runFinished(16.2, "partial", 1, "optional task notify_slack failed"),
  ]);
}

/** Ctrl-C during transform: its attempt is interrupted, the rest never start. */
export function interruptedRun(): RunEvent[] {
  return chronological([
    runStarted(0, 1),
    ...attempt("extract", 1, 0.1, 3, "success", 0),
    finished("extract", 3, "success"),
    ...attempt("transform", 1, 3.1, 7.4, "interrupted", 130),
    finished("transform", 7.4, "interrupted", "interrupted by SIGINT"),
    runFinished(7.5, "interrupted", 130, "interrupted by SIGINT"),
  ]);
}

/** Still going: transform's second attempt has no end yet (read the report at T0 + 30 s). */
export function runningRun(): RunEvent[] {
  return chronological([
    runStarted(0, 1),
    ...attempt("extract", 1, 0.1, 3, "success", 0),
    finished("extract", 3, "success"),
    ...attempt("transform", 1, 3.1, 10, "failed", 1),
    retry("transform", 1, 10, 5),
    started("transform", 2, 15),
  ]);
}
export const RUNNING_NOW = at(30);

/** Session 1 was killed mid-transform; `--resume` (session 2) reruns transform and finishes. */
export function resumedRun(): RunEvent[] {
  return chronological([
    runStarted(0, 1),
    ...attempt("extract", 1, 0, 5, "success", 0),
    finished("extract", 5, "success"),
    started("transform", 1, 5.1),
    runStarted(60, 2, ["transform", "load_warehouse", "publish_report", "notify_slack"]),
    ...attempt("transform", 2, 60.1, 70, "success", 0),
    finished("transform", 70, "success"),
    ...attempt("notify_slack", 1, 60.1, 61, "success", 0),
    finished("notify_slack", 61, "success"),
    ...attempt("load_warehouse", 1, 70.1, 80, "success", 0),
    finished("load_warehouse", 80, "success"),
    ...attempt("publish_report", 1, 80.1, 82, "success", 0),
    finished("publish_report", 82, "success"),
    runFinished(82.1, "success", 0),
  ]);
}

/** A wide fan-out: `count` tasks in waves of 20 parallel slots, a few failing once before succeeding. */
export function manyTasksRun(count: number): { readonly events: RunEvent[]; readonly tasks: string[] } {
  const tasks = Array.from({ length: count }, (_, index) => `shard_${String(index + 1).padStart(3, "0")}`);
  const events: RunEvent[] = [runStarted(0, 1, tasks)];
  let end = 0;
  tasks.forEach((task, index) => {
    const from = Math.floor(index / 20) * 40 + (index % 20) * 0.5;
    const length = 10 + ((index * 7) % 25);
    const flaky = index % 13 === 5;
    const taskEnd = flaky ? from + length + 3 : from + length;
    if (flaky) {
      events.push(...attempt(task, 1, from, from + length / 2, "failed", 1), retry(task, 1, from + length / 2, 3));
      events.push(...attempt(task, 2, from + length / 2 + 3, taskEnd, "success", 0));
    } else {
      events.push(...attempt(task, 1, from, taskEnd, "success", 0));
    }
    events.push(finished(task, taskEnd, "success"));
    end = Math.max(end, taskEnd);
  });
  events.push(runFinished(end + 0.5, "success", 0));
  return { events: chronological(events), tasks };
}
