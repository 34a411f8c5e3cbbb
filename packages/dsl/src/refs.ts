import { isDatabricksRef, isDatabricksValue, type DatabricksRefSpec, type DatabricksValueSpec } from "./databricks-refs.js";
import type { ForEachSpec, ItemRefSpec, OutputRefSpec, ParamRefSpec, ReferenceSpec, RunValueSpec, SecretRefSpec, TemplateSpec, ValueSpec } from "./spec.js";

/** A reference to a declared param; `T` is the param's value type, for editor checks. */
export interface ParamRef<T = unknown> extends ParamRefSpec {
  /** Phantom: never set at run time. */
  readonly __type?: T;
}
/** A reference to a declared secret (a property of what `secrets()` returns). */
export type SecretRef = SecretRefSpec;
/** Any reference a value may hold: a param, secret, run value, task output, for-each item, or a Databricks reference. */
export type Ref = ParamRef | SecretRef | RunValueSpec | OutputRefSpec | ItemRefSpec | DatabricksRefSpec | DatabricksValueSpec;

/**
 * Whether a value is a reference to a task output (the compiler and targets use these guards to read specs).
 *
 * @example
 * ```ts
 * isOutputRef(count.output.rows) // true
 * ```
 */
export function isOutputRef(value: unknown): value is OutputRefSpec {
  return typeof value === "object" && value !== null && typeof (value as OutputRefSpec).$output === "object" && (value as OutputRefSpec).$output !== null;
}

/**
 * Values of the run a task is in, which every target fills in when the task starts:
 * - `run.id`: the orchestrator's id of the run (Databricks `{{job.run_id}}`, Airflow `run_id`,
 *   GitHub Actions `github.run_id`, the local runner's run id);
 * - `run.date`: the UTC date (`YYYY-MM-DD`) the run is for: the scheduled time's date for a
 *   scheduled run, the day it was started for one started by hand (Databricks
 *   `{{job.trigger.time.iso_date}}`, Airflow the run's data interval end, or its run-after time when
 *   triggered by hand; the local runner the run's start). GitHub Actions has no such time: refused there.
 *
 * @example
 * ```ts
 * sh`python load.py --partition ${run.date} --batch ${run.id}`
 * ```
 */
export const run: { readonly id: RunValueSpec; readonly date: RunValueSpec } = Object.freeze({ id: { $run: "id" }, date: { $run: "date" } });

/**
 * Whether a value is a run value (`run.id`, `run.date`).
 *
 * @example
 * ```ts
 * isRunValue(run.date) // true
 * ```
 */
export function isRunValue(value: unknown): value is RunValueSpec {
  return typeof value === "object" && value !== null && typeof (value as RunValueSpec).$run === "string";
}

/**
 * The item the current iteration of a for-each task runs for (`.forEach(...)`), as text: usable
 * wherever a param is, in that task only.
 *
 * @example
 * ```ts
 * daily.task("load", sh`./load.sh --partition ${item}`).forEach(["eu", "us"], { concurrency: 2 })
 * ```
 */
export const item: ItemRefSpec = Object.freeze({ $item: true });

/**
 * Whether a for-each task's items are written out (not a param or an output); `Array.isArray` does not narrow a readonly array.
 *
 * @example
 * ```ts
 * isItemList(["eu", "us"]) // true
 * ```
 */
export const isItemList = (items: ForEachSpec["items"]): items is ReadonlyArray<string | number> => Array.isArray(items);

/**
 * Whether a value is the for-each `item`.
 *
 * @example
 * ```ts
 * isItemRef(item) // true
 * ```
 */
export function isItemRef(value: unknown): value is ItemRefSpec {
  return typeof value === "object" && value !== null && (value as ItemRefSpec).$item === true;
}

/** A reference of any kind as a fresh plain object (a builder's param carries a phantom type field), or null for anything else. */
function referenceOf(value: unknown): ReferenceSpec | null {
  if (isParamRef(value)) return { $param: value.$param };
  if (isSecretRef(value)) return { $secret: value.$secret };
  if (isRunValue(value)) return { $run: value.$run };
  if (isItemRef(value)) return { $item: true };
  if (isOutputRef(value)) return { $output: { task: value.$output.task, name: value.$output.name } };
  if (isDatabricksRef(value)) return { $databricks: value.$databricks };
  if (isDatabricksValue(value)) return { $databricksValue: value.$databricksValue };
  return null;
}

/**
 * Whether a value is a param reference.
 *
 * @example
 * ```ts
 * isParamRef(p.catalog) // true
 * ```
 */
export function isParamRef(value: unknown): value is ParamRefSpec {
  return typeof value === "object" && value !== null && typeof (value as ParamRefSpec).$param === "string";
}
/**
 * Whether a value is a secret reference.
 *
 * @example
 * ```ts
 * isSecretRef(s.apiToken) // true
 * ```
 */
export function isSecretRef(value: unknown): value is SecretRefSpec {
  return typeof value === "object" && value !== null && typeof (value as SecretRefSpec).$secret === "string";
}
/**
 * Whether a value is a template (what `sh` with references and `concat` produce).
 *
 * @example
 * ```ts
 * isTemplate(concat("--date=", run.date)) // true
 * ```
 */
export function isTemplate(value: unknown): value is TemplateSpec {
  return typeof value === "object" && value !== null && Array.isArray((value as TemplateSpec).$template);
}

/**
 * Quotes text as one POSIX shell word (single quotes; an embedded `'` becomes `'\''`); text of safe
 * characters only is left as it is. `sh` does this to every plain value it interpolates.
 *
 * @example
 * ```ts
 * shellQuote("it's") // 'it'\''s'
 * ```
 */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export type ShellInterpolation = Ref | string | number | boolean;

/**
 * Left in a `sh` template where an interpolation is not a value (`${p.regoin}` is `undefined`).
 * Throwing there would stop the whole file loading and hide its other mistakes; the compiler
 * instead reports this one at its place among the others. Never valid in a spec.
 */
export interface InvalidInterpolation {
  /** Where the bad interpolation was, and what it held. */
  readonly $invalidInterpolation: {
    /** 0-based position among the template's interpolations. */
    readonly index: number;
    /** What was there instead: `undefined`, `null`, `object`, `function` … */
    readonly got: string;
  };
}

/**
 * Whether a template part is a bad interpolation (which the compiler reports as ORC140).
 *
 * @example
 * ```ts
 * isInvalidInterpolation({ $invalidInterpolation: { index: 0, got: "undefined" } }) // true
 * ```
 */
export function isInvalidInterpolation(value: unknown): value is InvalidInterpolation {
  return typeof value === "object" && value !== null && typeof (value as InvalidInterpolation).$invalidInterpolation === "object";
}

const kindOf = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/**
 * Builds a shell command whose literal parts are shell code and whose interpolations are data:
 * a param, secret or run value stays a reference (each target passes it through the environment and expands
 * it quoted); a plain value is quoted as one shell word now.
 *
 * @example
 * ```ts
 * sh`python reports.py --catalog ${p.catalog}`
 * ```
 */
export function shellTemplate(strings: TemplateStringsArray, ...values: ShellInterpolation[]): ValueSpec {
  const parts: Array<string | ReferenceSpec | InvalidInterpolation> = [];
  const pushText = (text: string) => {
    if (text === "") return;
    const last = parts[parts.length - 1];
    if (typeof last === "string") parts[parts.length - 1] = last + text;
    else parts.push(text);
  };
  strings.forEach((text, index) => {
    pushText(text);
    if (index >= values.length) return;
    const value = values[index];
    const reference = referenceOf(value);
    if (reference !== null) parts.push(reference);
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") pushText(shellQuote(String(value)));
    // A JavaScript caller can pass anything; `undefined` is usually a misspelt param.
    else parts.push({ $invalidInterpolation: { index, got: kindOf(value) } });
  });
  if (parts.length === 0) return "";
  if (parts.length === 1 && typeof parts[0] === "string") return parts[0];
  // An invalid part makes the spec invalid, as it should: the compiler reports it (ORC140).
  return { $template: parts } as TemplateSpec;
}

/**
 * Concatenates text and references into one value, with no shell meaning: for an argument, a
 * notebook or job parameter, an env value, where `sh` does not apply.
 *
 * @example
 * ```ts
 * python("load.py", [concat("--date=", run.date)])
 * ```
 */
export function concat(...parts: Array<Ref | string | number>): TemplateSpec {
  return {
    $template: parts.map((part) =>
      referenceOf(part) ?? String(part),
    ),
  };
}
