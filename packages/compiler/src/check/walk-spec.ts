import { isInvalidInterpolation, type InvalidInterpolation } from "@orchc/dsl";
import { PROTO_KEY } from "./proto-keys.js";

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

/** What the structure checks look for in a raw spec, found in one walk. */
export interface SpecScan {
  /** Paths of every own `__proto__` key (nothing under one is visited). */
  readonly protoKeys: ReadonlyArray<ReadonlyArray<string | number>>;
  /** Every `sh` placeholder for an interpolation that was not a value, with its path. */
  readonly placeholders: ReadonlyArray<{ readonly path: ReadonlyArray<string | number>; readonly value: InvalidInterpolation }>;
}

const scans = new WeakMap<object, SpecScan>();

/** The spec scanned once, however many checks ask (a 10,000-task spec took two walks). */
export function scanSpec(root: unknown): SpecScan {
  const cached = typeof root === "object" && root !== null ? scans.get(root) : undefined;
  if (cached !== undefined) return cached;
  const protoKeys: Array<Array<string | number>> = [];
  const placeholders: Array<{ path: Array<string | number>; value: InvalidInterpolation }> = [];
  walkSpec(root, (value, node) => {
    if (node.key === PROTO_KEY) return false;
    if (isInvalidInterpolation(value)) {
      placeholders.push({ path: pathOf(node), value });
      return false;
    }
    if (!Array.isArray(value) && Object.hasOwn(value, PROTO_KEY)) protoKeys.push([...pathOf(node), PROTO_KEY]);
    return true;
  });
  const scan = { protoKeys, placeholders };
  if (typeof root === "object" && root !== null) scans.set(root, scan);
  return scan;
}
