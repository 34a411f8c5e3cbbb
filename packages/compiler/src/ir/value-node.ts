export interface ParamRefNode {
  readonly kind: "param";
  readonly name: string;
}
export interface SecretRefNode {
  readonly kind: "secret";
  readonly name: string;
}
/** A value of the run the task is in (`run.id`, `run.date`), filled in by the orchestrator. */
export interface RunValueNode {
  readonly kind: "run";
  readonly name: "id" | "date";
}
/** An output another task of the pipeline writes; the reading task runs after it. */
export interface OutputRefNode {
  readonly kind: "output";
  readonly task: string;
  readonly name: string;
}
/** The item of the for-each iteration the task runs, as text. */
export interface ItemRefNode {
  readonly kind: "item";
}
/** A reference only Databricks has: a bundle reference `${path}` (deploy time) or a dynamic value reference `{{path}}` (run time). */
export interface DatabricksReferenceNode {
  readonly kind: "databricks";
  readonly syntax: "bundle" | "dynamic";
  readonly path: string;
}
export interface TextNode {
  readonly kind: "text";
  readonly text: string;
}
export type TemplatePartNode = TextNode | ParamRefNode | SecretRefNode | RunValueNode | OutputRefNode | ItemRefNode | DatabricksReferenceNode;

export type ValueNode =
  | { readonly kind: "literal"; readonly value: string | number | boolean }
  | ParamRefNode
  | SecretRefNode
  | RunValueNode
  | OutputRefNode
  | ItemRefNode
  | DatabricksReferenceNode
  /** Concatenation; in a shell command the text parts are shell code. */
  | { readonly kind: "template"; readonly parts: ReadonlyArray<TemplatePartNode> };

export interface NamedValueNode {
  readonly name: string;
  readonly value: ValueNode;
}
