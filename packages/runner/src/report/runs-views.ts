import { existsSync } from "node:fs";
import { terminalText } from "./terminal-text.js";
import type { RunStatus } from "../store/run-events.js";
import { attemptsByIteration, attemptsDurationMs, taskDurationMs, type RunRecord } from "../store/run-record.js";
import type { RunStore } from "../store/run-store.js";
import { RunInputError } from "../engine/run-input-error.js";
import { formatDuration, formatTable } from "./format.js";
import { shownValue } from "../engine/for-each-items.js";

const statusWord = (status: RunStatus | null): string => (status === null ? "running or killed" : status);

export interface PipelineStats {
  readonly pipeline: string;
  readonly runs: number;
  readonly finished: number;
  readonly succeeded: number;
  /** Share of finished runs that succeeded (partial and failed runs count against it). */
  readonly successRate: number | null;
  readonly meanDurationMs: number | null;
  readonly lastStatus: RunStatus | null;
}

/** What the e-commerce lab computed by hand after every run: success rate and mean duration per pipeline. */
export function pipelineStats(records: ReadonlyArray<RunRecord>): PipelineStats[] {
  const byPipeline = new Map<string, RunRecord[]>();
  for (const record of records) byPipeline.set(record.pipeline.id, [...(byPipeline.get(record.pipeline.id) ?? []), record]);
  return [...byPipeline].map(([pipeline, runs]) => {
    const finished = runs.filter((run) => run.status !== null && run.endedAt !== null);
    const succeeded = finished.filter((run) => run.status === "success").length;
    const durations = finished.map((run) => run.endedAt! - run.startedAt);
    return {
      pipeline,
      runs: runs.length,
      finished: finished.length,
      succeeded,
      successRate: finished.length === 0 ? null : succeeded / finished.length,
      meanDurationMs: durations.length === 0 ? null : durations.reduce((sum, value) => sum + value, 0) / durations.length,
      lastStatus: runs[0]?.status ?? null,
    };
  });
}

const runJson = (record: RunRecord) => ({
  runId: record.runId,
  pipeline: record.pipeline.id,
  status: record.status,
  reason: record.reason,
  startedAt: new Date(record.startedAt).toISOString(),
  durationMs: record.endedAt === null ? null : record.endedAt - record.startedAt,
  sessions: record.sessions,
  environment: record.environment,
  params: record.params,
});

/** `runs list`: newest first, then each pipeline's success rate and mean duration. */
export function listRuns(store: RunStore, pipelineId: string | null, json: boolean, limit = 20): string {
  const records = store.runIds(pipelineId).flatMap((id) => store.read(id) ?? []);
  const stats = pipelineStats(records);
  if (json) return `${JSON.stringify({ runs: records.map(runJson), pipelines: stats }, null, 2)}\n`;
  if (records.length === 0) return `no runs in ${store.root}\n`;
  const rows = [["run", "status", "started (UTC)", "duration", "tasks ok"]];
  for (const record of records.slice(0, limit)) {
    const tasks = [...record.tasks.values()];
    rows.push([
      terminalText(record.runId),
      statusWord(record.status),
      new Date(record.startedAt).toISOString().slice(0, 19).replace("T", " "),
      record.endedAt === null ? "-" : formatDuration(record.endedAt - record.startedAt),
      `${tasks.filter((task) => task.status === "success").length}/${tasks.length}`,
    ]);
  }
  const statRows = [["pipeline", "runs", "success rate", "mean duration", "last"]];
  for (const stat of stats) {
    statRows.push([
      terminalText(stat.pipeline),
      String(stat.runs),
      stat.successRate === null ? "-" : `${Math.round(stat.successRate * 100)}% (${stat.succeeded}/${stat.finished})`,
      stat.meanDurationMs === null ? "-" : formatDuration(stat.meanDurationMs),
      statusWord(stat.lastStatus),
    ]);
  }
  const more = records.length > limit ? [`(${records.length - limit} older runs not shown)`] : [];
  return `${[...formatTable(rows), ...more, "", ...formatTable(statRows)].join("\n")}\n`;
}

/** The run `runs show` means: the one named, else the newest (of one pipeline, when given). */
export function findRun(store: RunStore, runId: string | undefined, pipelineId: string | null): RunRecord {
  const id = runId ?? store.runIds(pipelineId)[0];
  const record = id === undefined ? null : store.read(id);
  if (!record) throw new RunInputError(id === undefined ? `no runs in ${store.root}` : `no run \`${id}\` in ${store.root}`, "`runs list` shows the runs");
  return record;
}

const logCell = (dir: string, log: string) => (existsSync(`${dir}/${log}`) ? `${dir}/${log}` : "(no output)");

/** `runs show <id>`: every task with its attempts, outcome, duration and log file; a for-each task's iterations under it. */
export function showRun(store: RunStore, record: RunRecord, json: boolean): string {
  const dir = store.runDir(record.runId);
  if (json) {
    const tasks = [...record.tasks.values()].map((task) => ({ ...task, attempts: task.attempts.map((attempt) => ({ ...attempt, log: `${dir}/${attempt.log}` })) }));
    return `${JSON.stringify({ ...runJson(record), tasks }, null, 2)}\n`;
  }
  const lines = [
    `${terminalText(record.runId)}: ${statusWord(record.status)}${record.reason ? ` (${terminalText(record.reason)})` : ""}`,
    `  pipeline ${record.pipeline.id}, started ${new Date(record.startedAt).toISOString()}, ${record.endedAt === null ? "not finished" : formatDuration(record.endedAt - record.startedAt)}, ${record.sessions} session(s)`,
  ];
  const params = Object.entries(record.params);
  if (params.length > 0) lines.push(`  params: ${params.map(([name, value]) => `${terminalText(name)}=${terminalText(JSON.stringify(value))}`).join(", ")}`);
  const rows = [["task", "status", "attempts", "duration", "last log", "reason"]];
  for (const task of record.tasks.values()) {
    const last = task.attempts.at(-1);
    // A journal from before every task got a record when a run stopped: the run's reason is the task's.
    const reason = task.reason ?? (task.status === null && record.reason !== null ? `not started: ${record.reason}` : "");
    // The journal is a file anyone with the folder can edit: what it holds is shown, never acted on by the terminal.
    rows.push([terminalText(task.id), terminalText(task.status ?? "not started"), String(task.attempts.length), task.attempts.length === 0 ? "-" : formatDuration(taskDurationMs(task)), last ? terminalText(logCell(dir, last.log)) : "-", terminalText(reason)]);
    const byIteration = attemptsByIteration(task);
    for (const iteration of task.iterations) {
      const attempts = byIteration.get(iteration.index) ?? [];
      const latest = attempts.at(-1);
      rows.push([
        `  [${iteration.index}] ${terminalText(shownValue(iteration.item, 40))}`,
        terminalText(iteration.status ?? (latest ? "not finished" : "not started")),
        String(attempts.length),
        attempts.length === 0 ? "-" : formatDuration(attemptsDurationMs(attempts)),
        latest ? terminalText(logCell(dir, latest.log)) : "-",
        terminalText(iteration.reason ?? ""),
      ]);
    }
  }
  return `${[...lines, "", ...formatTable(rows)].join("\n")}\n`;
}
