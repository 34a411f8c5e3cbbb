import { PIPELINE_BRAND, type PipelineDefinition } from "./brand.js";
import type { PipelineSpec, TaskSpec } from "./spec.js";

/** A task in the keyed plain-object form: the key is its id, `after` names sibling keys. */
export interface KeyedTask<TaskId extends string = string> extends Omit<TaskSpec, "id" | "after"> {
  /** Keys of sibling tasks it runs after (another name is a type error). */
  readonly after?: ReadonlyArray<TaskId>;
}

/** The plain-object form: everything the builder can say, as data. */
export interface PipelineInput<Tasks = Readonly<Record<string, KeyedTask>> | ReadonlyArray<TaskSpec>>
  extends Omit<PipelineSpec, "tasks"> {
  /** The JSON Schema a JSON or YAML pipeline file names for its editor; ignored. */
  readonly $schema?: string;
  /** The tasks: keyed by id (`{ extract: {...} }`), or a list of tasks with their `id`. */
  readonly tasks: Tasks;
}

/**
 * The plain-object form as `PipelineSpec`: keyed tasks become the list form; nothing else changes.
 * The compiler calls it on every plain-object pipeline it loads.
 *
 * @example
 * ```ts
 * normalizePipelineInput({ id: "p", tasks: { a: { action: { kind: "shell", command: "true" } } } }).tasks // [{ action: …, id: "a" }]
 * ```
 */
export function normalizePipelineInput(input: PipelineInput): PipelineSpec {
  const { $schema: _schema, tasks, ...rest } = input;
  const list = Array.isArray(tasks)
    ? (tasks as ReadonlyArray<TaskSpec>)
    : Object.entries(tasks as Readonly<Record<string, KeyedTask>>).map(([id, task]) => {
        if (typeof task !== "object" || task === null) return task as unknown as TaskSpec;
        if ("id" in task) {
          throw new TypeError(`task \`${id}\` is keyed by its id, so it must not also have an \`id\` field`);
        }
        return { ...task, id };
      });
  return { ...rest, tasks: list };
}

/**
 * Declares a pipeline as plain data. With tasks keyed by id, `after` is checked against the keys
 * by the type checker.
 *
 * @example
 * ```ts
 * export default definePipeline({
 *   id: "nightly",
 *   schedule: { cron: "@daily" },
 *   tasks: {
 *     extract: { action: { kind: "shell", command: "./extract.sh" } },
 *     load: { action: { kind: "python", script: "load.py" }, after: ["extract"] },
 *   },
 * });
 * ```
 */
export function definePipeline(input: PipelineInput<ReadonlyArray<TaskSpec>>): PipelineDefinition;
/**
 * Declares a pipeline as plain data with tasks keyed by id; `after` is checked against the keys by
 * the type checker.
 *
 * @example
 * ```ts
 * definePipeline({ id: "p", tasks: { a: { action: { kind: "shell", command: "./a.sh" } }, b: { action: { kind: "shell", command: "./b.sh" }, after: ["a"] } } })
 * ```
 */
// Last, so that a mistake in keyed tasks is reported against this form, on the offending line.
export function definePipeline<const Tasks extends Readonly<Record<string, KeyedTask<NoInfer<keyof Tasks & string>>>>>(
  input: PipelineInput<Tasks>,
): PipelineDefinition;
export function definePipeline(input: PipelineInput): PipelineDefinition {
  return { [PIPELINE_BRAND]: true, toSpec: () => normalizePipelineInput(input) };
}
