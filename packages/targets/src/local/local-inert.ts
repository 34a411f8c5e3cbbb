import type { OverridesNode, PipelineNode } from "@orchc/compiler";

/** The target each other override belongs to, as users name it on the command line. */
const OTHER_TARGETS: Record<Exclude<keyof OverridesNode, "local">, string> = {
  airflow: "airflow",
  databricks: "databricks",
  githubActions: "github-actions",
};

const list = (names: ReadonlyArray<string>): string => names.map((name) => `\`${name}\``).join(", ");

function scheduleLine(pipeline: PipelineNode): string | null {
  const { schedule, paused } = pipeline;
  if (schedule !== null) return `schedule "${schedule.expression}" (${schedule.timezone}${paused ? ", paused" : ""}): not applied; start runs yourself or from cron`;
  return paused ? "paused: not applied; a run starts whenever you start it" : null;
}

function triggerLine({ trigger }: PipelineNode): string | null {
  switch (trigger?.kind) {
    case undefined:
      return null;
    case "after":
      return `trigger after ${list(trigger.pipelines)} succeeded: not applied; start runs yourself (a local run watches no other pipeline)`;
    case "fileArrival":
      return `trigger on files arriving in ${trigger.path}: not applied; start runs yourself (a local run watches no storage)`;
    case "tableUpdate":
      return `trigger on updates to ${list(trigger.tables)}: not applied; start runs yourself (a local run watches no table)`;
  }
}

function computeLines(pipeline: PipelineNode): string[] {
  return pipeline.compute.flatMap((compute) => {
    // A sql task names its warehouse in the action rather than as the task's compute.
    const users = pipeline.tasks.filter((task) => task.compute === compute.name || (task.action.kind === "sql" && task.action.warehouse === compute.name));
    if (users.length === 0) return [];
    return [`compute \`${compute.name}\` (${compute.kind}) of tasks ${list(users.map((task) => task.id))}: not used; tasks run on this machine`];
  });
}

function notifyLines(pipeline: PipelineNode): string[] {
  return (["onStart", "onSuccess", "onFailure"] as const).flatMap((event) => {
    const addresses = pipeline.notify[event];
    return addresses.length === 0 ? [] : [`notify ${event} (${addresses.join(", ")}): not sent on this machine`];
  });
}

function overrideLines(pipeline: PipelineNode): string[] {
  return (Object.keys(OTHER_TARGETS) as Array<keyof typeof OTHER_TARGETS>).flatMap((key) => {
    const where: string[] = [];
    if (Object.keys(pipeline.overrides[key]).length > 0) where.push("the pipeline");
    const tasks = pipeline.tasks.filter((task) => Object.keys(task.overrides[key]).length > 0).map((task) => task.id);
    if (tasks.length > 0) where.push(`tasks ${list(tasks)}`);
    return where.length === 0 ? [] : [`.${key}() on ${where.join(" and ")}: for the ${OTHER_TARGETS[key]} target only`];
  });
}

/** What the pipeline declares that means nothing on one machine, one short line each, shown before every run. */
export function inertLinesOf(pipeline: PipelineNode): string[] {
  const schedule = scheduleLine(pipeline);
  const trigger = triggerLine(pipeline);
  return [...(schedule === null ? [] : [schedule]), ...(trigger === null ? [] : [trigger]), ...computeLines(pipeline), ...notifyLines(pipeline), ...overrideLines(pipeline)];
}
