import { error, warning, type Diagnostic, type IR, type PipelineNode, type ScheduleNode } from "@orchc/compiler";

/** The shortest gap between two runs of a schedule within a day, in minutes. */
function shortestGapMinutes(schedule: ScheduleNode): number {
  const minutes = schedule.minute.values;
  const hours = schedule.hour.values;
  let shortest = Infinity;
  for (let index = 1; index < minutes.length; index++) shortest = Math.min(shortest, minutes[index]! - minutes[index - 1]!);
  const hourGaps = hours.map((hour, index) => (index === 0 ? 24 - hours[hours.length - 1]! + hour : hour - hours[index - 1]!));
  if (hourGaps.some((gap) => gap === 1) || hours.length === 24) shortest = Math.min(shortest, 60 - minutes[minutes.length - 1]! + minutes[0]!);
  return shortest;
}

function checkPipeline(pipeline: PipelineNode, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (path: Array<string | number>, taskId?: string) => ({ file, pipelineId: pipeline.id, path, ...(taskId && { taskId }) });
  const schedules = [
    { schedule: pipeline.schedule, path: ["schedule"] },
    ...pipeline.environments.map((environment) => ({ schedule: environment.schedule, path: ["environments", environment.name, "schedule"] })),
  ];
  for (const { schedule, path } of schedules) {
    if (schedule === null) continue;
    if (shortestGapMinutes(schedule) < 5) {
      diagnostics.push(error("ORC301", `schedule \`${schedule.expression}\` runs more often than every 5 minutes, which GitHub Actions refuses`, { hint: "run at most every 5 minutes on this target", subject: at(path) }));
    }
  }
  if (pipeline.maxConcurrentRuns !== null && pipeline.maxConcurrentRuns > 1) {
    diagnostics.push(
      error("ORC301", `maxConcurrentRuns ${pipeline.maxConcurrentRuns}: GitHub Actions can run one at a time (a concurrency group) or any number, nothing between`, {
        hint: "use maxConcurrentRuns: 1, or leave it out for this target",
        subject: at(["maxConcurrentRuns"]),
      }),
    );
  }
  for (const task of pipeline.tasks) {
    const compute = pipeline.compute.find((candidate) => candidate.name === task.compute);
    if (compute && compute.kind !== "runner") {
      diagnostics.push(warning("ORC301", `task \`${task.id}\` names ${compute.kind} compute \`${compute.name}\`, which means nothing on a GitHub runner`, { hint: "declare a `runner(...)` compute for it", subject: at(["compute"], task.id) }));
    }
    const attempts = task.retry.count + 1;
    if (task.timeoutSeconds !== null && task.timeoutSeconds * attempts > 6 * 3600) {
      diagnostics.push(error("ORC301", `task \`${task.id}\` may run ${attempts} attempts of ${task.timeoutSeconds} s, longer than a GitHub-hosted job's 6 hours`, { hint: "shorten the timeout or the retries, or use a self-hosted runner with a longer `timeout-minutes` override", subject: at(["timeout"], task.id) }));
    }
  }
  return diagnostics;
}

export function checkForGithubActions({ ir, fileOf }: { ir: IR; fileOf: (pipelineId: string) => string }): Diagnostic[] {
  return ir.pipelines.flatMap((pipeline) => checkPipeline(pipeline, fileOf(pipeline.id)));
}
