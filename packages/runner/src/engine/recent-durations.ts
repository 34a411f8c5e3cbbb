import type { RunStore } from "../store/run-store.js";

/** Median seconds of each task's successful attempts over the pipeline's last few runs: the scheduler's weights. */
export function recentDurations(store: RunStore, pipelineId: string, runs = 5): Map<string, number> {
  const samples = new Map<string, number[]>();
  for (const runId of store.runIds(pipelineId).slice(0, runs)) {
    const record = store.read(runId);
    if (!record) continue;
    for (const task of record.tasks.values()) {
      for (const attempt of task.attempts) {
        if (attempt.outcome !== "success" || attempt.endedAt === null) continue;
        samples.set(task.id, [...(samples.get(task.id) ?? []), (attempt.endedAt - attempt.startedAt) / 1000]);
      }
    }
  }
  const medians = new Map<string, number>();
  for (const [task, values] of samples) {
    values.sort((a, b) => a - b);
    medians.set(task, values[Math.floor(values.length / 2)]!);
  }
  return medians;
}
