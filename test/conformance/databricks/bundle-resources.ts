// The job and SQL warehouse resources of a bundle as Databricks would receive them: each as the
// resource files declare it, and each as every `targets:` overlay makes it, merged the way the
// Databricks CLI merges (libs/dyn/merge/merge.go, then the resourcemutator MergeJob* mutators).
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { bundleFiles } from "./databricks-cli.js";

export type ResourceKind = "job" | "warehouse";

export interface BundleResource {
  /** e.g. `jobs.daily` or `targets.prod.jobs.daily`. */
  readonly name: string;
  readonly kind: ResourceKind;
  readonly value: Record<string, unknown>;
  /** Each variable's value in that target (its default at the top), for int/bool fields that hold ${var.x}. */
  readonly variables: Record<string, unknown>;
}

type Mapping = Record<string, unknown>;
type Resources = { jobs?: Record<string, Mapping>; sql_warehouses?: Record<string, Mapping> };
type Document = { variables?: Record<string, { default?: unknown; lookup?: unknown }>; resources?: Resources; targets?: Record<string, { variables?: Record<string, unknown>; resources?: Resources }> };

const isMapping = (value: unknown): value is Mapping => typeof value === "object" && value !== null && !Array.isArray(value);

/** merge.Merge: mappings merge key by key, sequences concatenate, anything else: b wins. */
export function cliMerge(a: unknown, b: unknown): unknown {
  if (a === undefined || a === null) return b;
  if (b === undefined || b === null) return a;
  if (isMapping(a) && isMapping(b)) {
    const out: Mapping = { ...a };
    for (const [key, value] of Object.entries(b)) out[key] = key in out ? cliMerge(out[key], value) : value;
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  return b;
}

/** merge.ElementsByKey: elements sharing a key merge into the first one, in first-seen order. */
function mergeByKey(elements: unknown, key: string): unknown {
  if (!Array.isArray(elements)) return elements;
  const merged = new Map<unknown, unknown>();
  for (const element of elements) {
    const id = isMapping(element) ? element[key] : undefined;
    merged.set(id, merged.has(id) ? cliMerge(merged.get(id), element) : element);
  }
  return [...merged.values()];
}

/** MergeJobClusters, MergeJobParameters and MergeJobTasks (the CLI also sorts tasks by key; order does not matter here). */
function mergeJobSequences(job: Mapping): Mapping {
  const out = { ...job };
  for (const [field, key] of [["job_clusters", "job_cluster_key"], ["parameters", "name"], ["tasks", "task_key"]] as const) {
    if (field in out) out[field] = mergeByKey(out[field], key);
  }
  return out;
}

/**
 * A variable's value in a target: shorthand (the value), a declaration's default, or its lookup,
 * kept as `{ lookup }`: the CLI resolves it to an object's id at deploy, which no file holds.
 */
const targetValue = (value: unknown): unknown => (isMapping(value) && "lookup" in value ? { lookup: value.lookup } : isMapping(value) && "default" in value ? value.default : value);

export function bundleResources(directory: string): BundleResource[] {
  const documents = bundleFiles(directory).map((file) => (parse(readFileSync(file, "utf8")) ?? {}) as Document);
  const root = documents.reduce<Document>((all, document) => cliMerge(all, document) as Document, {});
  const defaults = Object.fromEntries(Object.entries(root.variables ?? {}).map(([name, declaration]) => [name, declaration?.lookup !== undefined ? { lookup: declaration.lookup } : declaration?.default]));
  const kinds = [["jobs", "job"], ["sql_warehouses", "warehouse"]] as const;
  const found: BundleResource[] = [];
  const add = (prefix: string, resources: Resources, only: Resources | undefined, variables: Record<string, unknown>) => {
    for (const [field, kind] of kinds) {
      for (const [key, value] of Object.entries(resources[field] ?? {})) {
        // A target that leaves a resource alone would only repeat the top-level check.
        if (only !== undefined && only[field]?.[key] === undefined) continue;
        found.push({ name: `${prefix}${field}.${key}`, kind, value: kind === "job" ? mergeJobSequences(value) : value, variables });
      }
    }
  };
  add("", root.resources ?? {}, undefined, defaults);
  for (const [targetName, target] of Object.entries(root.targets ?? {})) {
    const variables = { ...defaults, ...Object.fromEntries(Object.entries(target.variables ?? {}).map(([name, value]) => [name, targetValue(value)])) };
    add(`targets.${targetName}.`, cliMerge(root.resources ?? {}, target.resources ?? {}) as Resources, target.resources ?? {}, variables);
  }
  return found;
}
