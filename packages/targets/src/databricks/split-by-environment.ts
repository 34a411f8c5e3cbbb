import type { BundleMap } from "./bundle-value.js";

/**
 * Splits per-environment values into what every environment agrees on (written once) and what
 * differs (written whole in each target), so nothing depends on how the CLI merges a target's
 * lists into the resource's.
 */
export function splitByEnvironment(valuesByEnvironment: ReadonlyMap<string, BundleMap>): { shared: BundleMap; perTarget: Map<string, BundleMap> } {
  const keys = [...new Set([...valuesByEnvironment.values()].flatMap((values) => Object.keys(values)))];
  const shared: BundleMap = {};
  const perTarget = new Map([...valuesByEnvironment.keys()].map((name) => [name, {} as BundleMap]));
  for (const key of keys) {
    const encoded = [...valuesByEnvironment.values()].map((values) => JSON.stringify(values[key]));
    const same = encoded.every((value) => value === encoded[0]) && encoded[0] !== undefined;
    for (const [name, values] of valuesByEnvironment) {
      if (same) shared[key] = values[key];
      else if (values[key] !== undefined) perTarget.get(name)![key] = values[key];
    }
  }
  return { shared, perTarget };
}
