import { didYouMean, type Diagnostic } from "@orchc/compiler";
import type { z } from "zod";
import type { DataDocument, DataPath } from "./data-document.js";
import { problemAt } from "./import-diagnostic.js";

/** What each column must hold, in words, for the message when it does not. */
export type ColumnRules = Readonly<Record<string, { readonly schema: z.ZodType; readonly expected: string; readonly required: boolean }>>;

/**
 * Checks one record (a row, a task) column by column: unknown columns, missing ones and values of
 * the wrong kind each get a diagnostic at their own place. Returns the record when all are right.
 */
export function checkColumns(
  document: DataDocument,
  path: DataPath,
  label: string,
  record: unknown,
  rules: ColumnRules,
  diagnostics: Diagnostic[],
  options: { readonly othersAllowed?: boolean } = {},
): Record<string, unknown> | null {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    diagnostics.push(problemAt(document, path, "ORC602", `${label} must be an object with ${Object.keys(rules).join(", ")}`));
    return null;
  }
  const values = record as Record<string, unknown>;
  const before = diagnostics.length;
  for (const key of Object.keys(values)) {
    // Own keys only: a column named `constructor` or `toString` is unknown, not Object's.
    if (Object.hasOwn(rules, key) || options.othersAllowed) continue;
    const suggestion = didYouMean(key, Object.keys(rules));
    diagnostics.push(problemAt(document, [...path, key], "ORC602", `${label} has an unknown column \`${key}\``, { key: true, hint: suggestion ?? `columns: ${Object.keys(rules).join(", ")}` }));
  }
  for (const [column, rule] of Object.entries(rules)) {
    const value = values[column];
    if (value === undefined) {
      if (rule.required) diagnostics.push(problemAt(document, path, "ORC602", `${label} has no \`${column}\``, { hint: `add \`${column}\`: ${rule.expected}` }));
      continue;
    }
    if (!rule.schema.safeParse(value).success) {
      diagnostics.push(problemAt(document, [...path, column], "ORC602", `${label}, column \`${column}\`: expected ${rule.expected}; got ${JSON.stringify(value)}`));
    }
  }
  return diagnostics.length === before ? values : null;
}

/** A column that holds JSON as text (the control table's `dependencies` and `parameters`), parsed; a real list or object is taken as is. */
export function parseJsonColumn(document: DataDocument, path: DataPath, label: string, value: unknown, diagnostics: Diagnostic[]): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== "string") return { ok: true, value };
  if (value.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch (failure) {
    diagnostics.push(problemAt(document, path, "ORC602", `${label}, column \`${path[path.length - 1]}\`: not valid JSON (${(failure as Error).message})`, { hint: "the column holds JSON as text, e.g. '[\"Notebook2\"]' or '{\"param1\": \"value1\"}'" }));
    return { ok: false };
  }
}
