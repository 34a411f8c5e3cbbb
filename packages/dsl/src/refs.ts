import type { ParamRefSpec, SecretRefSpec, TemplateSpec, ValueSpec } from "./spec.js";

/** A reference to a declared param; `T` is the param's value type, for editor checks. */
export interface ParamRef<T = unknown> extends ParamRefSpec {
  /** Phantom: never set at run time. */
  readonly __type?: T;
}
export type SecretRef = SecretRefSpec;
export type Ref = ParamRef | SecretRef;

export function isParamRef(value: unknown): value is ParamRefSpec {
  return typeof value === "object" && value !== null && typeof (value as ParamRefSpec).$param === "string";
}
export function isSecretRef(value: unknown): value is SecretRefSpec {
  return typeof value === "object" && value !== null && typeof (value as SecretRefSpec).$secret === "string";
}
export function isTemplate(value: unknown): value is TemplateSpec {
  return typeof value === "object" && value !== null && Array.isArray((value as TemplateSpec).$template);
}

/** Quotes text as one POSIX shell word (single quotes; an embedded `'` becomes `'\''`). */
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
  readonly $invalidInterpolation: {
    /** 0-based position among the template's interpolations. */
    readonly index: number;
    /** What was there instead: `undefined`, `null`, `object`, `function` … */
    readonly got: string;
  };
}

export function isInvalidInterpolation(value: unknown): value is InvalidInterpolation {
  return typeof value === "object" && value !== null && typeof (value as InvalidInterpolation).$invalidInterpolation === "object";
}

const kindOf = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/**
 * Builds a shell command whose literal parts are shell code and whose interpolations are data:
 * a param or secret stays a reference (each target passes it through the environment and expands
 * it quoted); a plain value is quoted as one shell word now.
 *
 * @example sh`python reports.py --catalog ${p.catalog}`
 */
export function shellTemplate(strings: TemplateStringsArray, ...values: ShellInterpolation[]): ValueSpec {
  const parts: Array<string | ParamRefSpec | SecretRefSpec | InvalidInterpolation> = [];
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
    if (isParamRef(value)) parts.push({ $param: value.$param });
    else if (isSecretRef(value)) parts.push({ $secret: value.$secret });
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") pushText(shellQuote(String(value)));
    // A JavaScript caller can pass anything; `undefined` is usually a misspelt param.
    else parts.push({ $invalidInterpolation: { index, got: kindOf(value) } });
  });
  if (parts.length === 0) return "";
  if (parts.length === 1 && typeof parts[0] === "string") return parts[0];
  // An invalid part makes the spec invalid, as it should: the compiler reports it (ORC140).
  return { $template: parts } as TemplateSpec;
}

/** Concatenates text and references into one value (no shell meaning): `concat("--date=", p.date)`. */
export function concat(...parts: Array<Ref | string | number>): TemplateSpec {
  return {
    $template: parts.map((part) =>
      isParamRef(part) ? { $param: part.$param } : isSecretRef(part) ? { $secret: part.$secret } : String(part),
    ),
  };
}
