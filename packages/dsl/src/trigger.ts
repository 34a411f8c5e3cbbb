import type { PipelineDefinition } from "./brand.js";
import type { TriggerSpec } from "./spec.js";

/** A pipeline named by its handle (the builder `pipeline()` returned) or by its id. */
export type PipelineReference = string | (PipelineDefinition & { readonly id: string });

/** The builder's form of a trigger: `after` takes handles as well as ids. */
export type TriggerOptions =
  | { readonly after: ReadonlyArray<PipelineReference>; readonly fileArrival?: never; readonly tableUpdate?: never }
  | Exclude<TriggerSpec, { readonly after: ReadonlyArray<string> }>;

/**
 * A trigger as data: pipeline handles in `after` become their ids; the rest is already data. The
 * builder calls it; a plain-object pipeline writes the data itself.
 *
 * @example
 * ```ts
 * triggerSpec({ after: [nightly] }) // { after: ["nightly"] }
 * ```
 */
export function triggerSpec(trigger: TriggerOptions): TriggerSpec;
/**
 * The same for an environment's trigger, where `null` (no trigger here) stays `null`.
 *
 * @example
 * ```ts
 * triggerSpec(null) // null
 * ```
 */
export function triggerSpec(trigger: TriggerOptions | null): TriggerSpec | null;
export function triggerSpec(trigger: TriggerOptions | null): TriggerSpec | null {
  if (trigger === null || !("after" in trigger) || !Array.isArray(trigger.after)) return trigger as TriggerSpec | null;
  return { after: trigger.after.map((upstream: PipelineReference) => (typeof upstream === "string" ? upstream : upstream?.id)) };
}
