import type { ParamRefNode, SecretRefNode, ValueNode } from "@orchc/compiler";

/** The param and secret references in a value, in order: what a target must hand the task. */
export const referencesOf = (value: ValueNode): ReadonlyArray<ParamRefNode | SecretRefNode> =>
  value.kind === "template" ? value.parts.filter((part): part is ParamRefNode | SecretRefNode => part.kind !== "text") : value.kind === "literal" ? [] : [value];
