import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { taskDurationMs, type RunRecord } from "../store/run-record.js";

/**
 * How long each task of a pipeline usually takes: the scheduler's weights for the critical path.
 * One small file per pipeline in the run store, so a start does not replay old journals.
 */
const fileOf = (storeRoot: string, pipelineId: string) => join(storeRoot, `${pipelineId}.durations.json`);

export function readDurations(storeRoot: string, pipelineId: string): Map<string, number> {
  try {
    const stored = JSON.parse(readFileSync(fileOf(storeRoot, pipelineId), "utf8")) as Record<string, unknown>;
    return new Map(Object.entries(stored).filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1]) && entry[1] >= 0));
  } catch {
    return new Map();
  }
}

/** Folds this run's successful attempts in, each new duration weighing half, so the weights follow change. */
export function recordDurations(storeRoot: string, record: RunRecord, previous: ReadonlyMap<string, number>): void {
  const durations = new Map(previous);
  for (const task of record.tasks.values()) {
    const attempt = task.attempts.at(-1);
    if (task.status !== "success" || !attempt || attempt.endedAt === null) continue;
    // A for-each task holds its slots from its first iteration to its last.
    const seconds = (task.iterations.length > 0 ? taskDurationMs(task) : attempt.endedAt - attempt.startedAt) / 1000;
    const before = durations.get(task.id);
    durations.set(task.id, before === undefined ? seconds : (before + seconds) / 2);
  }
  const path = fileOf(storeRoot, record.pipeline.id);
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(Object.fromEntries(durations)));
  renameSync(draft, path);
}
