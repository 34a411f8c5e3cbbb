import { taskValueSites, type PipelineNode, type TaskNode } from "@orchc/compiler";

import type { GraphFormat } from "./graph-formats.js";

const dotString = (text: string) => JSON.stringify(text);

/** The outputs a task reads, by the task that writes them: what the edge from that task carries. */
function outputsRead(task: TaskNode): Map<string, string[]> {
  const read = new Map<string, string[]>();
  for (const site of taskValueSites(task)) {
    for (const part of site.value.kind === "template" ? site.value.parts : [site.value]) {
      if (part.kind !== "output") continue;
      const names = read.get(part.task) ?? [];
      if (!names.includes(part.name)) read.set(part.task, [...names, part.name]);
    }
  }
  return read;
}

function mermaid(pipelines: ReadonlyArray<PipelineNode>): string {
  const lines = ["flowchart TD"];
  for (const pipeline of pipelines) {
    lines.push(`  subgraph ${pipeline.id}`);
    for (const task of pipeline.tasks) {
      const label = `${task.id}${task.optional ? " (optional)" : ""}`;
      lines.push(`    ${pipeline.id}__${task.id}["${label}"]`);
    }
    for (const task of pipeline.tasks) {
      const read = outputsRead(task);
      // Output names are identifiers, so they need no quoting in an edge label.
      for (const dep of task.dependsOn) lines.push(`    ${pipeline.id}__${dep} -->${read.has(dep) ? `|${read.get(dep)!.join(", ")}|` : ""} ${pipeline.id}__${task.id}`);
    }
    lines.push("  end");
  }
  return `${lines.join("\n")}\n`;
}

function dot(pipelines: ReadonlyArray<PipelineNode>): string {
  const lines = ["digraph orchc {", "  rankdir=LR;"];
  for (const pipeline of pipelines) {
    lines.push(`  subgraph ${dotString(`cluster_${pipeline.id}`)} {`, `    label=${dotString(pipeline.id)};`);
    for (const task of pipeline.tasks) {
      const style = task.optional ? ", style=dashed" : "";
      lines.push(`    ${dotString(`${pipeline.id}.${task.id}`)} [label=${dotString(task.id)}${style}];`);
    }
    for (const task of pipeline.tasks) {
      const read = outputsRead(task);
      for (const dep of task.dependsOn) {
        const label = read.has(dep) ? ` [label=${dotString(read.get(dep)!.join(", "))}]` : "";
        lines.push(`    ${dotString(`${pipeline.id}.${dep}`)} -> ${dotString(`${pipeline.id}.${task.id}`)}${label};`);
      }
    }
    lines.push("  }");
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function json(pipelines: ReadonlyArray<PipelineNode>): string {
  const graph = pipelines.map((pipeline) => ({
    id: pipeline.id,
    tasks: pipeline.tasks.map((task) => ({
      id: task.id,
      dependsOn: task.dependsOn,
      runIf: task.runIf,
      optional: task.optional,
      outputs: task.outputs,
      reads: [...outputsRead(task)].flatMap(([writer, names]) => names.map((name) => ({ task: writer, name }))),
    })),
  }));
  return `${JSON.stringify({ pipelines: graph }, null, 2)}\n`;
}

/** Task graphs in topological order, as Mermaid, Graphviz dot, or JSON. */
export const renderGraph: Record<GraphFormat, (pipelines: ReadonlyArray<PipelineNode>) => string> = { mermaid, dot, json };
