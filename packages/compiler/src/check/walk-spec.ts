/** A place in a spec: its value, and how it was reached (the path is built only when asked for). */
export interface SpecNode {
  readonly value: unknown;
  readonly parent: SpecNode | null;
  readonly key: string | number;
}

export function pathOf(node: SpecNode): Array<string | number> {
  const path: Array<string | number> = [];
  for (let at: SpecNode | null = node; at !== null && at.parent !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Visits every object and array of a raw spec (parsed JSON/YAML or a pipeline.ts value) once, depth
 * first; `visit` returns false to skip what is inside. Iterative, since a spec is user data and may
 * nest deeply; each node points at its parent instead of carrying a path, which made a
 * 10,000-task walk allocate a path per value.
 */
export function walkSpec(root: unknown, visit: (value: object, node: SpecNode) => boolean): void {
  const stack: SpecNode[] = [{ value: root, parent: null, key: "" }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop()!;
    const value = node.value;
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (!visit(value, node)) continue;
    // Only objects are pushed: nothing is visited in a string or a number, and most values are those.
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (typeof item === "object" && item !== null) stack.push({ value: item, parent: node, key: index });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) stack.push({ value: item, parent: node, key });
    }
  }
}
