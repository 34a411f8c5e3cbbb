import { error, warning, type Diagnostic, type IR, type PipelineNode, type ScheduleNode } from "@orchc/compiler";
import { shellScriptOf } from "../shared/shell-script.js";
import { DEADLINE_JOB, emulatedTimeout } from "./github-deadline.js";
import { githubStringProblem } from "./github-string.js";
import type { GithubActionsOptions } from "./github-options.js";
import { checkCallerJobs } from "./github-call.js";
import { checkTriggerUpstreams } from "../shared/trigger-upstreams.js";
import { checkForEachJobs } from "./github-for-each.js";

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
  const clash = emulatedTimeout(pipeline) === null ? undefined : pipeline.tasks.find((task) => task.id.toLowerCase() === DEADLINE_JOB);
  if (clash) {
    diagnostics.push(
      error("ORC321", `task id \`${clash.id}\` is the job that records the run's deadline, which orchc adds when GitHub Actions emulates the pipeline timeout`, {
        hint: "rename the task",
        subject: at(["id"], clash.id),
      }),
    );
  }
  diagnostics.push(...checkTexts(pipeline, at), ...checkForEachJobs(pipeline, file));
  return diagnostics;
}

type At = (path: Array<string | number>, taskId?: string) => { file: string; pipelineId: string; path: Array<string | number>; taskId?: string };

/** Every text the workflow will hold, where the user wrote it: each must fit `githubString`. */
function checkTexts(pipeline: PipelineNode, at: At): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const text = (value: string | number | boolean | null, what: string, subject: ReturnType<At>) => {
    const problem = typeof value === "string" ? githubStringProblem(value) : null;
    if (problem !== null) diagnostics.push(error("ORC320", `${what} cannot be written into a GitHub workflow: ${problem}`, { hint: "shorten it, or move it into a file the task reads", subject }));
  };
  // GitHub refuses an empty runner label, and actionlint an empty choice in the dispatch form.
  const nonEmpty = (value: string, what: string, subject: ReturnType<At>) => {
    if (value === "") diagnostics.push(error("ORC320", `${what} is empty, which a GitHub workflow cannot hold there`, { hint: "give it some text, or leave it out", subject }));
  };
  text(pipeline.name, "the pipeline's name", at(["name"]));
  for (const param of pipeline.params) {
    text(param.description, `param \`${param.name}\`'s description`, at(["params", param.name, "description"]));
    text(param.default, `param \`${param.name}\`'s default`, at(["params", param.name, "default"]));
    param.values?.forEach((value, index) => {
      text(value, `param \`${param.name}\`'s value ${index + 1}`, at(["params", param.name, "values", index]));
      nonEmpty(value, `param \`${param.name}\`'s value ${index + 1}`, at(["params", param.name, "values", index]));
    });
  }
  for (const compute of pipeline.compute) {
    if (compute.kind !== "runner") continue;
    for (const label of compute.runsOn) {
      text(label, `runner \`${compute.name}\`'s label`, at(["compute", compute.name, "runsOn"]));
      nonEmpty(label, `runner \`${compute.name}\`'s label`, at(["compute", compute.name, "runsOn"]));
    }
  }
  for (const task of pipeline.tasks) {
    const script = shellScriptOf(pipeline, task.action);
    if (script !== null) text(script.text, `task \`${task.id}\`'s command`, at(["action"], task.id));
    text(task.workingDir, `task \`${task.id}\`'s working directory`, at(["workingDir"], task.id));
    for (const { name, value } of task.env) {
      const texts = value.kind === "literal" ? [String(value.value)] : value.kind === "template" ? value.parts.flatMap((part) => (part.kind === "text" ? [part.text] : [])) : [];
      for (const entry of texts) text(entry, `task \`${task.id}\`'s env \`${name}\``, at(["env", name], task.id));
    }
  }
  return diagnostics;
}

function checkOptions(options: GithubActionsOptions): Diagnostic[] {
  return (["runner", "pythonVersion"] as const).flatMap((key) => {
    const problem = githubStringProblem(options[key]);
    return problem === null ? [] : [error("ORC302", `github-actions option \`${key}\` cannot be written into a GitHub workflow: ${problem}`, { hint: "shorten it" })];
  });
}

export function checkForGithubActions({ ir, options, fileOf }: { ir: IR; options: GithubActionsOptions; fileOf: (pipelineId: string) => string }): Diagnostic[] {
  return [...checkOptions(options), ...ir.pipelines.flatMap((pipeline) => [...checkPipeline(pipeline, fileOf(pipeline.id)), ...checkCallerJobs(pipeline, fileOf(pipeline.id))]), ...checkTriggerUpstreams(ir, "github-actions", fileOf)];
}
