/**
 * The one key no name may be: assigning `__proto__` on a plain object (as zod does when it
 * parses a record, and as generated objects are built) sets the prototype instead of a key, so
 * the name would silently disappear somewhere between the file and a target.
 */
export const PROTO_KEY = "__proto__";

/** Paths of every own `__proto__` key in a parsed JSON/YAML value or a spec object, iteratively. */
export function protoKeyPaths(root: unknown): Array<Array<string | number>> {
  const found: Array<Array<string | number>> = [];
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: root, path: [] }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key === PROTO_KEY) found.push([...path, key]);
      else stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return found;
}
