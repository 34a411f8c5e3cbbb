import type { ParamNode, PipelineNode, TemplatePartNode, ValueNode } from "@orchc/compiler";

/**
 * Text that Airflow renders as a Jinja template (bash_command, env, Databricks json) but must
 * arrive literally: each `{` that would open `{{`, `{%` or `{#` is written as `{{ '{' }}`, and the
 * carriage returns and final newline Jinja would change are written as string expressions.
 * This also keeps Databricks `{{job.*}}` references and shell `${#array[@]}` intact.
 */
export const jinjaLiteral = (text: string): string =>
  text
    .replace(/\{(?=[{%#])/g, "{{ '{' }}")
    // Jinja's lexer turns every \r\n and \r in template text into \n; inside a string literal it keeps them.
    .replace(/\r/g, "{{ '\\r' }}")
    // Airflow's environment drops one trailing newline (keep_trailing_newline is off).
    .replace(/\n$/, "{{ '\\n' }}");

/** The Jinja expression for a param, rendered the way every target renders it: booleans as true/false. */
function paramExpression(param: ParamNode | undefined, name: string): string {
  return param?.type === "boolean" ? `{{ 'true' if params.${name} else 'false' }}` : `{{ params.${name} }}`;
}

/** Airflow Variable keys orchc can name inside a template without quoting problems (checked before emit). */
export const VARIABLE_KEY = /^[A-Za-z0-9_.-]+$/;

/** Secrets come from Airflow Variables (or a secrets backend behind them) at run time; no value is written. */
const secretExpression = (pipeline: PipelineNode, name: string): string =>
  `{{ var.value['${pipeline.secrets.find((secret) => secret.name === name)?.key ?? name}'] }}`;

export function jinjaReference(pipeline: PipelineNode, part: Exclude<TemplatePartNode, { kind: "text" }>): string {
  return part.kind === "param" ? paramExpression(pipeline.params.find((param) => param.name === part.name), part.name) : secretExpression(pipeline, part.name);
}

/** A value as the text of a Jinja-templated field. */
export function jinjaValue(pipeline: PipelineNode, value: ValueNode): string {
  switch (value.kind) {
    case "literal":
      return jinjaLiteral(String(value.value));
    case "param":
    case "secret":
      return jinjaReference(pipeline, value);
    case "template":
      return value.parts.map((part) => (part.kind === "text" ? jinjaLiteral(part.text) : jinjaReference(pipeline, part))).join("");
  }
}
