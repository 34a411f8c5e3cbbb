import type { JinjaPiece } from "./jinja.js";

/**
 * Python source from data. Every string literal goes through `pyString`; every structure is
 * printed exploded with trailing commas, a layout `ruff format` keeps as it is (its "magic
 * trailing comma"), so generated DAGs pass `ruff format --check` without a formatter run.
 */
export type Py =
  | { readonly kind: "code"; readonly code: string }
  | { readonly kind: "str"; readonly value: string }
  | { readonly kind: "call"; readonly callee: string; readonly args: ReadonlyArray<readonly [string | null, Py]> }
  | { readonly kind: "dict"; readonly entries: ReadonlyArray<readonly [Py, Py]> }
  | { readonly kind: "list"; readonly items: ReadonlyArray<Py> }
  /** Text with orchc's own Jinja expressions: only valid inside a field Airflow renders (templated-fields.ts writes it). */
  | { readonly kind: "template"; readonly pieces: ReadonlyArray<JinjaPiece> };

export const code = (text: string): Py => ({ kind: "code", code: text });
export const str = (value: string): Py => ({ kind: "str", value });
export const call = (callee: string, args: ReadonlyArray<readonly [string | null, Py]>): Py => ({ kind: "call", callee, args });
export const dict = (entries: ReadonlyArray<readonly [string, Py]>): Py => ({ kind: "dict", entries: entries.map(([key, value]) => [str(key), value] as const) });
export const list = (items: ReadonlyArray<Py>): Py => ({ kind: "list", items });
export const template = (pieces: ReadonlyArray<JinjaPiece>): Py => ({ kind: "template", pieces });

const SIMPLE_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A Python string literal with the quote ruff would choose: double, unless the text holds more
 * double quotes than single ones. Control characters and line/paragraph separators are escaped,
 * so a value can never end the literal or the line early.
 */
export function pyString(value: string): string {
  // Most values are plain printable ASCII without quotes or backslashes: no escaping to decide.
  if (/^[\x20\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/.test(value)) return `"${value}"`;
  const doubles = value.split('"').length - 1;
  const singles = value.split("'").length - 1;
  const quote = doubles > singles ? "'" : '"';
  let body = "";
  for (const character of value) {
    const codePoint = character.codePointAt(0)!;
    if (SIMPLE_ESCAPES[character] !== undefined) body += SIMPLE_ESCAPES[character];
    else if (character === quote) body += `\\${quote}`;
    else if (codePoint < 0x20 || codePoint === 0x7f) body += `\\x${codePoint.toString(16).padStart(2, "0")}`;
    else if ((codePoint >= 0x80 && codePoint <= 0x9f) || codePoint === 0x2028 || codePoint === 0x2029 || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      body += codePoint <= 0xff ? `\\x${codePoint.toString(16)}` : `\\u${codePoint.toString(16).padStart(4, "0")}`;
    else body += character;
  }
  return `${quote}${body}${quote}`;
}

/** A JSON value (from an override) as a Python literal. */
export function pyValue(value: unknown): Py {
  if (value === null || value === undefined) return code("None");
  if (typeof value === "boolean") return code(value ? "True" : "False");
  if (typeof value === "number") return code(Number.isFinite(value) ? String(value) : "None");
  if (typeof value === "string") return str(value);
  if (Array.isArray(value)) return list(value.map(pyValue));
  return dict(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, pyValue(item)] as const));
}

/** Prints an expression whose first line starts at `indent` spaces. */
export function printPy(expression: Py, indent: number): string {
  const inner = " ".repeat(indent + 4);
  const close = " ".repeat(indent);
  switch (expression.kind) {
    case "code":
      return expression.code;
    case "str":
      return pyString(expression.value);
    case "call":
      if (expression.args.length === 0) return `${expression.callee}()`;
      return `${expression.callee}(\n${expression.args
        .map(([name, value]) => `${inner}${name === null ? "" : `${name}=`}${printPy(value, indent + 4)},\n`)
        .join("")}${close})`;
    case "dict":
      if (expression.entries.length === 0) return "{}";
      return `{\n${expression.entries.map(([key, value]) => `${inner}${printPy(key, indent + 4)}: ${printPy(value, indent + 4)},\n`).join("")}${close}}`;
    case "list":
      if (expression.items.length === 0) return "[]";
      return `[\n${expression.items.map((item) => `${inner}${printPy(item, indent + 4)},\n`).join("")}${close}]`;
    case "template":
      throw new Error("internal: a Jinja template outside a field Airflow renders");
  }
}
