import type { ActionNode } from "./action-node.js";
import type { TaskNode } from "./task-node.js";
import type { TemplatePartNode, ValueNode } from "./value-node.js";

/** A value a task holds, with where it sits in the task (for diagnostics). */
export interface TaskValueSite {
  readonly path: ReadonlyArray<string | number>;
  readonly value: ValueNode;
}

type SitesOf<K extends ActionNode["kind"]> = (action: Extract<ActionNode, { kind: K }>) => ReadonlyArray<TaskValueSite>;

const listed = (field: string, values: ReadonlyArray<ValueNode>): TaskValueSite[] => values.map((value, index) => ({ path: ["action", field, index], value }));
const named = (field: string, values: ReadonlyArray<{ name: string; value: ValueNode }>): TaskValueSite[] => values.map(({ name, value }) => ({ path: ["action", field, name], value }));

/** The values an action hands its work, by kind: a new kind must say where its values are, or they would go unchecked. */
const ACTION_VALUE_SITES: { [K in ActionNode["kind"]]: SitesOf<K> } = {
  shell: (action) => [{ path: ["action", "command"], value: action.command }],
  python: (action) => listed("args", action.args),
  notebook: (action) => named("params", action.params),
  sparkPython: (action) => listed("args", action.args),
  pythonWheel: (action) => [...listed("parameters", action.parameters), ...named("namedParameters", action.namedParameters)],
  sparkJar: (action) => listed("parameters", action.parameters),
  dbt: (action) => listed("commands", action.commands),
  lakeflowPipeline: () => [],
  sql: (action) => named("params", action.params),
  runPipeline: (action) => named("params", action.params),
};

/** The values an action hands its work (arguments, parameters, a shell command), with where. */
export const actionValueSites = (action: ActionNode): ReadonlyArray<TaskValueSite> => (ACTION_VALUE_SITES[action.kind] as (action: ActionNode) => ReadonlyArray<TaskValueSite>)(action);

/** Every value a task holds: its action's and its environment's. */
export const taskValueSites = (task: TaskNode): ReadonlyArray<TaskValueSite> => [...actionValueSites(task.action), ...task.env.map(({ name, value }) => ({ path: ["env", name], value }))];

const VALUE_KINDS = new Set(["literal", "param", "secret", "run", "output", "item", "databricks", "template"]);
const isValueNode = (candidate: unknown): candidate is ValueNode =>
  typeof candidate === "object" && candidate !== null && VALUE_KINDS.has((candidate as { kind?: unknown }).kind as string);

/**
 * Whether any value a task holds has a part `wanted` accepts: a quick look that builds no paths,
 * so the checks that locate a use walk the sites only when there is one to find.
 */
export function taskHasPart(task: TaskNode, wanted: (part: Exclude<TemplatePartNode, { kind: "text" }> | ValueNode) => boolean): boolean {
  const test = (value: ValueNode) => (value.kind === "template" ? value.parts.some((part) => part.kind !== "text" && wanted(part)) : wanted(value));
  for (const { value } of task.env) if (test(value)) return true;
  for (const field of Object.values(task.action)) {
    const items = Array.isArray(field) ? field : [field];
    for (const item of items) {
      const value = isValueNode(item) ? item : typeof item === "object" && item !== null && isValueNode((item as { value?: unknown }).value) ? (item as { value: ValueNode }).value : null;
      if (value !== null && test(value)) return true;
    }
  }
  return false;
}
