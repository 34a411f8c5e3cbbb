/**
 * Where `value` first holds something a structured clone would not carry over unchanged (as a
 * path below `value`, e.g. `tasks.3.run`), or null when it is all plain data. postMessage throws on
 * a function, but it silently drops symbol keys and prototypes (a class instance arrives as a bare
 * object), and a spec changed on the way would be checked and compiled as something the user did
 * not write. Runs on every load (~10,000 values for 1,000 tasks): no path is built unless one is found.
 */
export function notPlainData(value: unknown, seen = new Set<object>()): string | null {
  if (typeof value !== "object") return typeof value === "function" || typeof value === "symbol" || typeof value === "bigint" ? `(a ${typeof value})` : null;
  // A shared object arrives shared, and a cycle is a cycle; walking either twice would not end.
  if (value === null || seen.has(value)) return null;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = notPlainData(value[index], seen);
      if (found !== null) return `${index}${found.startsWith("(") ? " " : "."}${found}`;
    }
    return null;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return `(a ${(value as object).constructor?.name ?? "class instance"})`;
  if (Object.getOwnPropertySymbols(value).length > 0) return "(symbol keys)";
  for (const key in value) {
    const found = notPlainData((value as Record<string, unknown>)[key], seen);
    if (found !== null) return `${key}${found.startsWith("(") ? " " : "."}${found}`;
  }
  return null;
}
