import { AsGiven, asGiven, type BundleMap, type BundleValue } from "./bundle-value.js";

/** Job fields orchc writes in part (e-mails from `notify`) that `.databricks({...})` extends by event instead of replacing. */
const MERGED_BY_EVENT = new Set(["email_notifications"]);

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** One job field with the user's `.databricks({...})` value over orchc's: the user's wins, except a map merged by event. */
export function overriddenField(key: string, own: BundleValue | undefined, given: BundleValue | undefined): BundleValue | undefined {
  if (given === undefined) return own;
  if (MERGED_BY_EVENT.has(key) && isMap(own) && !(own instanceof AsGiven) && given instanceof AsGiven && isMap(given.value)) return { ...own, ...asGiven(given.value) };
  return given;
}

/** Job fields with `.databricks({...})` merged last, as the docs say: `{ email_notifications: { on_duration_warning_threshold_exceeded } }` keeps the pipeline's `on_failure`. */
export function withJobOverrides(fields: BundleMap, overrides: BundleMap): BundleMap {
  const merged: BundleMap = { ...fields, ...overrides };
  for (const key of Object.keys(overrides)) merged[key] = overriddenField(key, fields[key], overrides[key]);
  return merged;
}
