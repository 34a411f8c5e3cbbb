import type { TemplatePartNode, ValueNode } from "@orchc/compiler";

export type ReferenceNode = Exclude<TemplatePartNode, { kind: "text" }>;

/** The param, secret and run value references in a value, in order: what a target must hand the task. */
export const referencesOf = (value: ValueNode): ReadonlyArray<ReferenceNode> =>
  value.kind === "template" ? value.parts.filter((part): part is ReferenceNode => part.kind !== "text") : value.kind === "literal" ? [] : [value];
