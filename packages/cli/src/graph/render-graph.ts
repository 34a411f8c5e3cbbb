import type { PipelineNode } from "@orchc/compiler";

import type { GraphFormat } from "./graph-formats.js";

const dotString = (text: string) => JSON.stringify(text);

function mermaid(pipelines: ReadonlyArray<PipelineNode>): string {
  const lines = ["flowchart TD"];
  for (const pipeline of pipelines) {
    lines.push(`  subgraph ${pipeline.id}`);
    for (const task of pipeline.tasks) {
      const label = `${task.id}${task.optional ? " (optional)" : ""}`;
      lines.push(`    ${pipeline.id}__${task.id}["${label}"]`);
    }
    for (const task of pipeline.tasks) {
      for (const dep of task.dependsOn) lines.push(`    ${pipeline.id}__${dep} --> ${pipeline.id}__${task.id}`);
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
      for (const dep of task.dependsOn) lines.push(`    ${dotString(`${pipeline.id}.${dep}`)} -> ${dotString(`${pipeline.id}.${task.id}`)};`);
    }
    lines.push("  }");
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function json(pipelines: ReadonlyArray<PipelineNode>): string {
  const graph = pipelines.map((pipeline) => ({
    id: pipeline.id,
    tasks: pipeline.tasks.map((task) => ({ id: task.id, dependsOn: task.dependsOn, runIf: task.runIf, optional: task.optional })),
  }));
  return `${JSON.stringify({ pipelines: graph }, null, 2)}\n`;
}

/** Task graphs in topological order, as Mermaid, Graphviz dot, or JSON. */
export const renderGraph: Record<GraphFormat, (pipelines: ReadonlyArray<PipelineNode>) => string> = { mermaid, dot, json };
