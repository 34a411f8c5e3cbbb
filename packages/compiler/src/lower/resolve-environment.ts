import { isDatabricksRef, type EnvironmentSpec, type PipelineSpec } from "@orchc/dsl";
import { durationSeconds } from "../check/parse-duration.js";
import { canonicalTimeZone, parseCron } from "../check/parse-cron.js";
import type { EnvironmentNode } from "../ir/environment-node.js";
import type { ScheduleNode } from "../ir/schedule-node.js";
import type { TriggerNode } from "../ir/trigger-node.js";
import { ownValue } from "../check/own-value.js";
import { lowerCompute } from "./lower-compute.js";
import { lowerNotify, mergeOverrides } from "./lower-values.js";

/** Parses a schedule that the checks already accepted. */
export function scheduleNode(schedule: PipelineSpec["schedule"] | null): ScheduleNode | null {
  if (!schedule) return null;
  const result = parseCron(schedule.cron, canonicalTimeZone(schedule.timezone ?? "UTC") ?? "UTC");
  if (!result.ok) throw new Error(`internal: unchecked schedule ${schedule.cron}`);
  return result.schedule;
}

/** One trigger kind, with ids in the order written, each once. */
export function triggerNode(trigger: PipelineSpec["trigger"] | null): TriggerNode | null {
  if (!trigger) return null;
  if (trigger.after !== undefined) return { kind: "after", pipelines: [...new Set(trigger.after)] };
  if (trigger.fileArrival !== undefined) return { kind: "fileArrival", path: trigger.fileArrival.path };
  return { kind: "tableUpdate", tables: [...new Set(trigger.tableUpdate.tables)] };
}

/** The pipeline's values with one environment's overlay applied (`null`: the base pipeline). */
export function resolveEnvironment(spec: PipelineSpec, name: string | null): EnvironmentNode {
  const overlay: EnvironmentSpec = name === null ? {} : (ownValue(spec.environments, name) ?? {});
  const pick = <K extends "schedule" | "timeout" | "trigger">(key: K) => (overlay[key] === undefined ? spec[key] : overlay[key]);
  // Notifications merge per event, like compute and params; `notify: null` clears them all.
  const notify = overlay.notify === null ? null : { ...spec.notify, ...overlay.notify };
  const timeout = pick("timeout");
  const compute = { ...spec.compute, ...overlay.compute };
  return {
    name: name ?? "",
    isDefault: overlay.default ?? false,
    namePrefix: overlay.namePrefix ?? "",
    paused: overlay.paused ?? spec.paused ?? false,
    schedule: scheduleNode(pick("schedule")),
    trigger: triggerNode(pick("trigger")),
    // A Databricks reference is not a value any other target can hold: it travels on its own, and the
    // param keeps its declared default here (the capability check refuses it where it cannot go).
    paramValues: Object.entries(spec.params ?? {}).map(([param, declared]) => {
      const own = ownValue(overlay.params, param);
      return { name: param, value: (isDatabricksRef(own) ? undefined : own) ?? declared.default ?? null };
    }),
    paramReferences: Object.keys(spec.params ?? {}).flatMap((param) => {
      const own = ownValue(overlay.params, param);
      return isDatabricksRef(own) ? [{ name: param, databricks: own.$databricks }] : [];
    }),
    timeoutSeconds: timeout === null || timeout === undefined ? null : durationSeconds(timeout),
    notify: lowerNotify(notify),
    compute: Object.entries(compute).map(([computeName, declared]) => lowerCompute(computeName, declared)),
    overrides: mergeOverrides(spec.overrides, overlay.overrides),
  };
}
