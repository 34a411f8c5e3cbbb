import { scanSpec } from "./walk-spec.js";

/**
 * The one key no name may be: assigning `__proto__` on a plain object (as zod does when it
 * parses a record, and as generated objects are built) sets the prototype instead of a key, so
 * the name would silently disappear somewhere between the file and a target.
 */
export const PROTO_KEY = "__proto__";

/** Paths of every own `__proto__` key in a parsed JSON/YAML value or a spec object. */
export function protoKeyPaths(root: unknown): ReadonlyArray<ReadonlyArray<string | number>> {
  return scanSpec(root).protoKeys;
}
