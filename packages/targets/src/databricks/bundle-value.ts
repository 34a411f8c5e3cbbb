import type { YamlValue } from "../shared/render-yaml.js";
import { bundleReferenceIn, strayBundleReferenceIn, type RuntimeText } from "./databricks-interpolation.js";

/** A `${…}` reference orchc writes on purpose, for the CLI to resolve (`var.x`, `resources.pipelines.x.id`). */
export class BundleReference {
  constructor(readonly path: string) {}
  // splitByEnvironment compares values by their JSON: a reference compares as the text it becomes.
  toJSON(): string {
    return `\${${this.path}}`;
  }
}

/** A task's value holding references the user named (`databricksRef`): checked where it lands with those left out. */
export class TextWithReferences {
  constructor(readonly runtime: RuntimeText) {}
  toJSON(): string {
    return this.runtime.text;
  }
}

/** A value of the user's `.databricks({...})` overrides or the target's options: written as given, `${…}` included. */
export class AsGiven {
  constructor(readonly value: unknown) {}
  toJSON(): unknown {
    return this.value;
  }
}

export type BundleValue = string | number | boolean | null | BundleReference | TextWithReferences | AsGiven | ReadonlyArray<BundleValue> | { readonly [key: string]: BundleValue | undefined };
export type BundleMap = { [key: string]: BundleValue | undefined };

/** Overrides as entries written as given, keys included. */
export const asGiven = (overrides: Readonly<Record<string, unknown>>): BundleMap => Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, new AsGiven(value)]));

function landed(text: string, path: ReadonlyArray<string | number>): string {
  const reference = bundleReferenceIn(text);
  // The target's checks (landingTexts) refuse such text first; reaching here is a bug, not a user mistake.
  if (reference !== null) throw new Error(`databricks: \`${reference}\` reached the bundle unchecked at ${path.join(".") || "the top"}`);
  return text;
}

function isPlainObject(value: object): value is { readonly [key: string]: BundleValue | undefined } {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The bundle as YAML values: every string and key orchc writes checked against the CLI's reference
 * pattern where it lands, so a field added later cannot carry the user's `${…}` past the checks;
 * orchc's own references as `${…}`; overrides (keys included) as given.
 */
export function bundleYaml(value: BundleValue, path: ReadonlyArray<string | number> = []): YamlValue {
  if (typeof value === "string") return landed(value, path);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof BundleReference) return value.toJSON();
  if (value instanceof TextWithReferences) {
    const reference = strayBundleReferenceIn(value.runtime);
    if (reference !== null) throw new Error(`databricks: \`${reference}\` reached the bundle unchecked at ${path.join(".") || "the top"}`);
    return value.toJSON();
  }
  if (value instanceof AsGiven) return value.value as YamlValue;
  if (Array.isArray(value)) return value.map((item: BundleValue, index) => bundleYaml(item, [...path, index]));
  if (!isPlainObject(value)) throw new Error("databricks: a bundle is built from plain objects");
  const result: { [key: string]: YamlValue | undefined } = {};
  for (const [key, item] of Object.entries(value)) {
    if (!(item instanceof AsGiven)) landed(key, [...path, key]);
    if (item !== undefined) result[key] = bundleYaml(item, [...path, key]);
  }
  return result;
}
