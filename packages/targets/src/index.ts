import type { AnyTarget } from "@orchc/compiler";
import { irTarget } from "./ir/ir-target.js";

export const TARGET_NAMES = ["ir"] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** Every target orchc can build for; adding a name without its target is a type error. */
export const targets = { ir: irTarget } as const satisfies Record<TargetName, AnyTarget>;

export function targetNamed(name: string): AnyTarget | undefined {
  return Object.hasOwn(targets, name) ? targets[name as TargetName] : undefined;
}

export { irTarget };
