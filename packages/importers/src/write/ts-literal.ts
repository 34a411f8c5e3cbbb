/** TypeScript expression text for plain data; strings are JSON-escaped, which is valid TypeScript. */
export type LiteralValue = string | number | boolean | null | ReadonlyArray<LiteralValue> | { readonly [key: string]: LiteralValue | undefined };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export const stringLiteral = (text: string): string => JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

export const propertyKey = (key: string): string => (IDENTIFIER.test(key) ? key : stringLiteral(key));

export function tsLiteral(value: LiteralValue): string {
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(", ")}]`;
  const entries = Object.entries(value as Record<string, LiteralValue | undefined>).filter((entry): entry is [string, LiteralValue] => entry[1] !== undefined);
  return entries.length === 0 ? "{}" : `{ ${entries.map(([key, item]) => `${propertyKey(key)}: ${tsLiteral(item)}`).join(", ")} }`;
}

/** A comment line that cannot end the comment or start a new line, whatever the source text held. */
export const commentText = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, " ");
