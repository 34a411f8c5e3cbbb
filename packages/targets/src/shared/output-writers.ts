import { error, type ActionNode, type Diagnostic, type PipelineNode, type TaskNode } from "@orchc/compiler";

/**
 * ORC163: a task that declares outputs must be one that can write them where the target reads them.
 * `writers` are the action kinds that can; `how` says how they write them there, for the hint.
 */
export function checkOutputWriters(pipeline: PipelineNode, task: TaskNode, file: string, writers: ReadonlyArray<ActionNode["kind"]>, where: string, how: string): Diagnostic[] {
  if (task.outputs.length === 0 || writers.includes(task.action.kind)) return [];
  return [
    error("ORC163", `task \`${task.id}\` declares outputs, but a ${task.action.kind} task ${where} has no way to write them`, {
      hint: `declare outputs on a ${writers.join(", ")} task, which ${how}`,
      subject: { file, pipelineId: pipeline.id, taskId: task.id, path: ["outputs"] },
    }),
  ];
}
