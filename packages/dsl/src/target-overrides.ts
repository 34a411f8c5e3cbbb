import type { OverrideSpec, TargetOverridesSpec } from "./spec.js";

/** Overrides for one target merged over earlier ones: later keys win, other targets are kept. */
export function withOverrides(current: TargetOverridesSpec, target: keyof TargetOverridesSpec, overrides: OverrideSpec): TargetOverridesSpec {
  return { ...current, [target]: { ...current[target], ...overrides } };
}
