import type { PipelineSpec, TaskSpec, ValueSpec } from "@orchc/dsl";

export interface ValueSite {
  readonly task: TaskSpec;
  /** Path inside the task. */
  readonly path: ReadonlyArray<string | number>;
  readonly value: ValueSpec;
}

function* valuesOf(task: TaskSpec): Generator<ValueSite> {
  const action = task.action;
  const list = (field: string, values: ReadonlyArray<ValueSpec> | undefined) =>
    (values ?? []).map((value, index) => ({ task, path: ["action", field, index], value }));
  const map = (prefix: ReadonlyArray<string>, values: Readonly<Record<string, ValueSpec>> | undefined) =>
    Object.entries(values ?? {}).map(([name, value]) => ({ task, path: [...prefix, name], value }));
  switch (action.kind) {
    case "shell":
      yield { task, path: ["action", "command"], value: action.command };
      break;
    case "python":
      yield* list("args", action.args);
      break;
    case "sparkPython":
      yield* list("args", action.args);
      break;
    case "pythonWheel":
      yield* list("parameters", action.parameters);
      yield* map(["action", "namedParameters"], action.namedParameters);
      break;
    case "sparkJar":
      yield* list("parameters", action.parameters);
      break;
    case "dbt":
      yield* list("commands", action.commands);
      break;
    case "notebook":
      yield* map(["action", "params"], action.params);
      break;
    case "sql":
      yield* map(["action", "params"], action.params);
      break;
    case "runPipeline":
      yield* map(["action", "params"], action.params);
      break;
    case "lakeflowPipeline":
      break;
    default: {
      // A new action kind must say where its values are, or its references go unchecked.
      const unhandled: never = action;
      throw new Error(`internal: values of ${String(unhandled)} are not walked`);
    }
  }
  yield* map(["env"], task.env);
}

/** Every value a pipeline's tasks hold, with where it sits. */
export function* valueSites(spec: PipelineSpec): Generator<ValueSite> {
  for (const task of spec.tasks) yield* valuesOf(task);
}

/** A reference's key: `$param`, `$output`, `$item`, … */
type ReferenceKey = `$${string}`;

/** The parts of a value that are references holding `key` (`{ $output: … }` alone, or inside a template), in order. */
export function partsWith<Key extends ReferenceKey>(value: unknown, key: Key): Array<Record<Key, unknown>> {
  if (typeof value !== "object" || value === null) return [];
  const parts: unknown[] = "$template" in value && Array.isArray(value.$template) ? value.$template : [value];
  return parts.filter((part): part is Record<Key, unknown> => typeof part === "object" && part !== null && key in part);
}

/**
 * Whether any value of the task holds a reference with `key`: a quick look at its action's fields
 * and env that builds no paths, so a check walks the sites (valueSites) only when there is one to find.
 */
export function taskMayHold(task: TaskSpec, key: ReferenceKey): boolean {
  const holds = (value: unknown): boolean => partsWith(value, key).length > 0;
  const fields = [...Object.values(task.action), task.env];
  return fields.some((field) => (Array.isArray(field) ? field.some(holds) : holds(field) || (typeof field === "object" && field !== null && Object.values(field).some(holds))));
}

/** The param and secret references inside one value. */
export function referencesIn(value: ValueSpec): Array<{ kind: "param" | "secret"; name: string }> {
  if (typeof value !== "object") return [];
  const parts = "$template" in value ? value.$template : [value];
  const found: Array<{ kind: "param" | "secret"; name: string }> = [];
  for (const part of parts) {
    if (typeof part === "string" || !("$param" in part || "$secret" in part)) continue;
    found.push("$param" in part ? { kind: "param", name: part.$param } : { kind: "secret", name: part.$secret });
  }
  return found;
}
