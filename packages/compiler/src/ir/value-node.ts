export interface ParamRefNode {
  readonly kind: "param";
  readonly name: string;
}
export interface SecretRefNode {
  readonly kind: "secret";
  readonly name: string;
}
export interface TextNode {
  readonly kind: "text";
  readonly text: string;
}
export type TemplatePartNode = TextNode | ParamRefNode | SecretRefNode;

export type ValueNode =
  | { readonly kind: "literal"; readonly value: string | number | boolean }
  | ParamRefNode
  | SecretRefNode
  /** Concatenation; in a shell command the text parts are shell code. */
  | { readonly kind: "template"; readonly parts: ReadonlyArray<TemplatePartNode> };

export interface NamedValueNode {
  readonly name: string;
  readonly value: ValueNode;
}
