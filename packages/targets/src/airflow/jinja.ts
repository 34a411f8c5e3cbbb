import type { ParamNode, PipelineNode, RunValueNode, TaskNode, TemplatePartNode, ValueNode } from "@orchc/compiler";
import { refusedBeforeWriting } from "../shared/databricks-only.js";
import { referencesOf } from "../shared/references-of.js";

/** A piece of the text of a Jinja-templated field: literal text, or a Jinja expression orchc writes. */
export type JinjaPiece = { readonly text: string } | { readonly expression: string };

const LEFT_BRACE = "{{ '{' }}";
/** Ends a field that would otherwise end in a template file extension; renders to nothing. */
const NOTHING = "{{ '' }}";

/** Adjacent literal pieces as one, so an escape decision never stops at a piece boundary. */
function mergeText(pieces: ReadonlyArray<JinjaPiece>): JinjaPiece[] {
  const merged: JinjaPiece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if ("text" in piece && piece.text === "") continue;
    if ("text" in piece && last !== undefined && "text" in last) merged[merged.length - 1] = { text: last.text + piece.text };
    else merged.push(piece);
  }
  return merged;
}

/**
 * The one escaping function of the Jinja-templated-field language. It writes the FINAL text of a
 * field Airflow renders (bash_command, env, cwd, Databricks json, sql, a notifier's to…) so that
 * it renders to the literal text exactly, with each of orchc's expressions' values in its place:
 * - each `{` that would open `{{`, `{%` or `{#` with the character after it in the final text
 *   (the next literal character, or an expression, which always starts with `{`) is `{{ '{' }}`;
 * - carriage returns are string expressions (Jinja's lexer would turn \r\n and \r into \n), and
 *   so is a final newline (Airflow's environment drops one);
 * - text that would end in one of the operator's `template_ext` ends in an empty expression,
 *   so Airflow does not read the value as the name of a template file.
 */
export function jinjaTemplate(pieces: ReadonlyArray<JinjaPiece>, templateExt: ReadonlyArray<string>): string {
  const merged = mergeText(pieces);
  let out = "";
  merged.forEach((piece, index) => {
    if ("expression" in piece) {
      out += piece.expression;
      return;
    }
    const lookahead = index + 1 < merged.length ? "{" : "";
    const escaped = `${piece.text}${lookahead}`.replace(/\{(?=[{%#])/g, LEFT_BRACE).replace(/\r/g, "{{ '\\r' }}");
    const text = lookahead === "" ? escaped : escaped.slice(0, -1);
    out += index === merged.length - 1 ? text.replace(/\n$/, "{{ '\\n' }}") : text;
  });
  return templateExt.some((ext) => out.endsWith(ext)) ? `${out}${NOTHING}` : out;
}

/** The Jinja expression for a param, rendered the way every target renders it: booleans as true/false. */
function paramExpression(param: ParamNode | undefined, name: string): string {
  return param?.type === "boolean" ? `{{ 'true' if params.${name} else 'false' }}` : `{{ params.${name} }}`;
}

/** Airflow Variable keys orchc accepts: ones every secrets backend and AIRFLOW_VAR_<KEY> can hold (checked before emit). */
export const VARIABLE_KEY = /^[A-Za-z0-9_.-]+$/;

/** How a secret reference is written where a value lands; secrets never become Jinja (their value would be stored as a rendered field). */
export type SecretPieces = (name: string) => ReadonlyArray<JinjaPiece>;

/** For values whose secrets went elsewhere before (the task's pre_execute hook) or were refused by the checks. */
export const noSecretHere: SecretPieces = (name) => {
  throw new Error(`internal: secret \`${name}\` reached a templated field`);
};

/** A param as the expression orchc writes for it. */
export const paramPiece = (pipeline: PipelineNode, name: string): JinjaPiece => ({ expression: paramExpression(pipeline.params.find((param) => param.name === name), name) });

/**
 * The run's values as Jinja expressions, the same on Airflow 2 and 3. `run.date` is the UTC date of
 * the data interval's end: the scheduled time of a scheduled or backfilled run under both a cron
 * trigger timetable (Airflow 3's default, where start and end are that time) and a data-interval
 * one (Airflow 2's), and the run-after time of a run triggered by hand without a logical date. A
 * run triggered by hand with a logical date is for that date: under a data-interval timetable its
 * interval is the last complete one before it, not its own day.
 */
export const RUN_VALUE_EXPRESSIONS: Readonly<Record<RunValueNode["name"], string>> = {
  id: "{{ run_id }}",
  date: "{{ (dag_run.logical_date if dag_run.run_type == 'manual' and dag_run.logical_date else data_interval_end) | ds }}",
};

/** The attribute of a for-each iteration's operator that holds its item (for-each.ts). */
export const ITEM_ATTRIBUTE = "orchc_item";

/**
 * The item where a templated field reads it. Airflow renders the fields of the iteration's own
 * (unmapped) operator, which is `task` in the template context on Airflow 2.10 and 3.3, and Jinja
 * never renders an expression's value again: the item lands as it is, `{{ ds }}` in it included.
 */
export const ITEM_EXPRESSION = `{{ task.${ITEM_ATTRIBUTE} }}`;

/** Airflow's id of a task: a task in a TaskGroup is `<group>.<task>` (prefix_group_id, the default). */
export const airflowTaskId = (task: TaskNode): string => (task.group === null ? task.id : `${task.group}.${task.id}`);

/** The expression that reads an output another task pushed as an XCom (task ids and output names hold no quote). */
export function outputExpression(pipeline: PipelineNode, task: string, name: string): string {
  const writer = pipeline.tasks.find((candidate) => candidate.id === task)!;
  return `{{ ti.xcom_pull(task_ids='${airflowTaskId(writer)}', key='${name}') }}`;
}

/** A value as pieces of a templated field's text: literal text, params, run values, outputs and the item as expressions, secrets as `secret` says. */
export function jinjaPieces(pipeline: PipelineNode, value: ValueNode, secret: SecretPieces): JinjaPiece[] {
  const part = (node: Exclude<TemplatePartNode, { kind: "text" }>): ReadonlyArray<JinjaPiece> => {
    switch (node.kind) {
      case "param":
        return [paramPiece(pipeline, node.name)];
      case "run":
        return [{ expression: RUN_VALUE_EXPRESSIONS[node.name] }];
      case "output":
        return [{ expression: outputExpression(pipeline, node.task, node.name) }];
      case "item":
        return [{ expression: ITEM_EXPRESSION }];
      case "databricks":
        return refusedBeforeWriting(node);
      case "secret":
        return secret(node.name);
    }
  };
  switch (value.kind) {
    case "literal":
      return [{ text: String(value.value) }];
    case "param":
    case "secret":
    case "run":
    case "output":
    case "item":
    case "databricks":
      return [...part(value)];
    case "template":
      return value.parts.flatMap((node) => (node.kind === "text" ? [{ text: node.text }] : [...part(node)]));
  }
}

/** Whether a value reads a secret anywhere. */
export const readsSecret = (value: ValueNode): boolean => referencesOf(value).some((reference) => reference.kind === "secret");
