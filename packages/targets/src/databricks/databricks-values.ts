import type { PipelineNode, TemplatePartNode, ValueNode } from "@orchc/compiler";

/**
 * A value as Databricks reads it at run time: params as job parameter references, secrets as
 * secret references. Literal text is written as is; the checks refuse literal `${` and `{{`,
 * which a bundle or a job would read as references (neither has an escape).
 */
export function databricksValue(pipeline: PipelineNode, value: ValueNode): string {
  const reference = (part: Exclude<TemplatePartNode, { kind: "text" }>): string => {
    if (part.kind === "param") return `{{job.parameters.${part.name}}}`;
    const secret = pipeline.secrets.find((candidate) => candidate.name === part.name)!;
    return `{{secrets/${secret.scope}/${secret.key}}}`;
  };
  switch (value.kind) {
    case "literal":
      return String(value.value);
    case "param":
    case "secret":
      return reference(value);
    case "template":
      return value.parts.map((part) => (part.kind === "text" ? part.text : reference(part))).join("");
  }
}

/** Literal text inside a value (what the checks inspect for `${` and `{{`). */
export function literalTexts(value: ValueNode): string[] {
  if (value.kind === "literal") return typeof value.value === "string" ? [value.value] : [];
  if (value.kind === "template") return value.parts.flatMap((part) => (part.kind === "text" ? [part.text] : []));
  return [];
}

/** Paths in the spec are relative to the bundle root; resource files sit one folder down. */
export const bundlePath = (path: string): string => (path.startsWith("/") || path.startsWith("${") ? path : `../${path.replace(/^\.\//, "")}`);
