import { taskValueSites, type PipelineNode, type TaskNode } from "@orchc/compiler";

import type { GraphFormat } from "./graph-formats.js";

const dotString = (text: string) => JSON.stringify(text);

/** The outputs a task reads (the list it runs over first), by the task that writes them: what the edge from that task carries. */
function outputsRead(task: TaskNode): Map<string, string[]> {
  const read = new Map<string, string[]>();
  if (task.forEach?.items.kind === "output") read.set(task.forEach.items.task, [task.forEach.items.name]);
  for (const site of taskValueSites(task)) {
    for (const part of site.value.kind === "template" ? site.value.parts : [site.value]) {
      if (part.kind !== "output") continue;
      const names = read.get(part.task) ?? [];
      if (!names.includes(part.name)) read.set(part.task, [...names, part.name]);
    }
  }
  return read;
}

/** An edge between two pipelines of the graph, drawn between tasks: from `from` to `to`, labelled. */
interface PipelineEdge {
  readonly from: { readonly pipeline: string; readonly task: string };
  readonly to: { readonly pipeline: string; readonly task: string };
  readonly label: string;
}

/** What a for-each task runs over, in words made of identifiers only (written items are not shown: they are the user's text). */
function forEachLabel(task: TaskNode): string {
  if (task.forEach === null) return "";
  const { items, concurrency } = task.forEach;
  const over = items.kind === "static" ? `${items.values.length} item${items.values.length === 1 ? "" : "s"}` : items.kind === "param" ? `param ${items.name}` : `${items.task}.${items.name}`;
  return ` (for each of ${over}, ${concurrency} at once)`;
}

/** A task's label: its id, whether it is optional, and what it runs over. */
const taskLabel = (task: TaskNode) => `${task.id}${task.optional ? " (optional)" : ""}${forEachLabel(task)}`;

const roots = (pipeline: PipelineNode) => pipeline.tasks.filter((task) => task.dependsOn.length === 0);
const leaves = (pipeline: PipelineNode) => pipeline.tasks.filter((task) => !pipeline.tasks.some((other) => other.dependsOn.includes(task.id)));

/**
 * What links the pipelines of the graph: a runPipeline task to the first tasks of the pipeline it
 * starts, and the last tasks of a pipeline to the first of one that runs after it succeeded
 * (`trigger: { after }`). A pipeline outside the graph draws no edge.
 */
function pipelineEdges(pipelines: ReadonlyArray<PipelineNode>): PipelineEdge[] {
  const byId = new Map(pipelines.map((pipeline) => [pipeline.id, pipeline]));
  const edges: PipelineEdge[] = [];
  for (const pipeline of pipelines) {
    for (const task of pipeline.tasks) {
      const child = task.action.kind === "runPipeline" ? byId.get(task.action.pipeline) : undefined;
      if (child !== undefined) for (const root of roots(child)) edges.push({ from: { pipeline: pipeline.id, task: task.id }, to: { pipeline: child.id, task: root.id }, label: "runs" });
    }
    if (pipeline.trigger?.kind !== "after") continue;
    for (const upstreamId of pipeline.trigger.pipelines) {
      const upstream = byId.get(upstreamId);
      if (upstream === undefined) continue;
      for (const leaf of leaves(upstream)) for (const root of roots(pipeline)) edges.push({ from: { pipeline: upstream.id, task: leaf.id }, to: { pipeline: pipeline.id, task: root.id }, label: "after success" });
    }
  }
  return edges;
}

function mermaid(pipelines: ReadonlyArray<PipelineNode>): string {
  const lines = ["flowchart TD"];
  for (const pipeline of pipelines) {
    lines.push(`  subgraph ${pipeline.id}`);
    for (const task of pipeline.tasks) {
      // A for-each task is drawn as a stack (a subroutine box): it runs once per item.
      const [open, close] = task.forEach === null ? ["[", "]"] : ["[[", "]]"];
      lines.push(`    ${pipeline.id}__${task.id}${open}"${taskLabel(task)}"${close}`);
    }
    for (const task of pipeline.tasks) {
      const read = outputsRead(task);
      // Output names are identifiers, so they need no quoting in an edge label.
      for (const dep of task.dependsOn) lines.push(`    ${pipeline.id}__${dep} -->${read.has(dep) ? `|${read.get(dep)!.join(", ")}|` : ""} ${pipeline.id}__${task.id}`);
    }
    lines.push("  end");
  }
  for (const edge of pipelineEdges(pipelines)) lines.push(`  ${edge.from.pipeline}__${edge.from.task} -.->|${edge.label}| ${edge.to.pipeline}__${edge.to.task}`);
  return `${lines.join("\n")}\n`;
}

function dot(pipelines: ReadonlyArray<PipelineNode>): string {
  const lines = ["digraph orchc {", "  rankdir=LR;"];
  for (const pipeline of pipelines) {
    lines.push(`  subgraph ${dotString(`cluster_${pipeline.id}`)} {`, `    label=${dotString(pipeline.id)};`);
    for (const task of pipeline.tasks) {
      const style = `${task.optional ? ", style=dashed" : ""}${task.forEach === null ? "" : ", peripheries=2"}`;
      lines.push(`    ${dotString(`${pipeline.id}.${task.id}`)} [label=${dotString(task.forEach === null ? task.id : `${task.id}${forEachLabel(task)}`)}${style}];`);
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
  for (const edge of pipelineEdges(pipelines)) {
    lines.push(`  ${dotString(`${edge.from.pipeline}.${edge.from.task}`)} -> ${dotString(`${edge.to.pipeline}.${edge.to.task}`)} [label=${dotString(edge.label)}, style=dashed];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function json(pipelines: ReadonlyArray<PipelineNode>): string {
  const graph = pipelines.map((pipeline) => ({
    id: pipeline.id,
    trigger: pipeline.trigger,
    tasks: pipeline.tasks.map((task) => ({
      id: task.id,
      dependsOn: task.dependsOn,
      runIf: task.runIf,
      optional: task.optional,
      outputs: task.outputs,
      forEach: task.forEach,
      reads: [...outputsRead(task)].flatMap(([writer, names]) => names.map((name) => ({ task: writer, name }))),
      ...(task.action.kind === "runPipeline" && { runs: task.action.pipeline }),
    })),
  }));
  return `${JSON.stringify({ pipelines: graph }, null, 2)}\n`;
}

/** Task graphs in topological order, as Mermaid, Graphviz dot, or JSON. */
export const renderGraph: Record<GraphFormat, (pipelines: ReadonlyArray<PipelineNode>) => string> = { mermaid, dot, json };
