import type { IR, ParamNode, PipelineNode, RunValueNode, TemplatePartNode, ValueNode } from "@orchc/compiler";
import { TextWithReferences } from "./bundle-value.js";
import type { RuntimeText } from "./databricks-interpolation.js";

/**
 * The run's values as Databricks' dynamic value references: the run's id, and the UTC date of the
 * time the run was triggered, which for a scheduled run is its scheduled time
 * (https://docs.databricks.com/aws/en/jobs/dynamic-value-references).
 */
export const DATABRICKS_RUN_VALUES: Readonly<Record<RunValueNode["name"], string>> = { id: "{{job.run_id}}", date: "{{job.trigger.time.iso_date}}" };

/** A name in a dynamic value reference: as is when plain, else in backticks, as Databricks asks (a task key may hold `-`). */
const dynamicIdentifier = (name: string): string => (/^[A-Za-z0-9_]+$/.test(name) ? name : `\`${name}\``);

/**
 * A value as Databricks reads it at run time: params as job parameter references, secrets as
 * secret references, Databricks' own references as the user named them, literal text as written;
 * with where orchc's own references sit, so the checks can tell them from `{{` and `${` in the
 * user's text (databricks-interpolation.ts).
 */
export function databricksRuntimeText(pipeline: PipelineNode, value: ValueNode): RuntimeText {
  const reference = (part: Exclude<TemplatePartNode, { kind: "text" }>): string => {
    if (part.kind === "param") return `{{job.parameters.${part.name}}}`;
    if (part.kind === "run") return DATABRICKS_RUN_VALUES[part.name];
    if (part.kind === "output") return `{{tasks.${dynamicIdentifier(part.task)}.values.${part.name}}}`;
    // Inside a for_each_task's nested task, Jobs fills in the iteration's item.
    if (part.kind === "item") return "{{input}}";
    if (part.kind === "databricks") return part.syntax === "bundle" ? `\${${part.path}}` : `{{${part.path}}}`;
    const secret = pipeline.secrets.find((candidate) => candidate.name === part.name)!;
    return `{{secrets/${secret.scope}/${secret.key}}}`;
  };
  if (value.kind === "literal") return { text: String(value.value), references: [] };
  const parts = value.kind === "template" ? value.parts : [value];
  let text = "";
  const references: Array<RuntimeText["references"][number]> = [];
  for (const part of parts) {
    if (part.kind === "text") {
      text += part.text;
      continue;
    }
    const written = reference(part);
    references.push({ start: text.length, end: text.length + written.length, syntax: part.kind === "databricks" && part.syntax === "bundle" ? "bundle" : "dynamic" });
    text += written;
  }
  return { text, references };
}

/** A value as the bundle holds it: text, or text with the bundle references the user named, checked without them. */
export function databricksValue(pipeline: PipelineNode, value: ValueNode): string | TextWithReferences {
  const runtime = databricksRuntimeText(pipeline, value);
  return runtime.references.some((reference) => reference.syntax === "bundle") ? new TextWithReferences(runtime) : runtime.text;
}

/** Paths in the spec are relative to the bundle root; resource files sit one folder down. */
export const bundlePath = (path: string): string => (path.startsWith("/") ? path : `../${path.replace(/^\.\//, "")}`);

/** What a param's bundle variable must hold: its default and its value in every bundle target. */
function wantedValues(ir: IR, pipeline: PipelineNode, param: ParamNode): string {
  const targets = [...new Set(ir.pipelines.flatMap((candidate) => candidate.environments.map((environment) => environment.name)))].sort();
  const valueIn = (target: string) => {
    const environment = pipeline.environments.find((candidate) => candidate.name === target);
    const reference = environment?.paramReferences.find((entry) => entry.name === param.name);
    if (reference !== undefined) return `\${${reference.databricks}}`;
    const value = environment?.paramValues.find((entry) => entry.name === param.name)?.value ?? param.default;
    return value === null ? null : String(value);
  };
  return JSON.stringify([param.description, param.default === null ? null : String(param.default), ...targets.map(valueIn)]);
}

/**
 * The bundle variable (`${var.<name>}`) that carries each param, by pipeline id and param name.
 * Variables are global to a bundle: a param keeps its own name (which files kept beside the bundle
 * may reference, `${var.catalog}`) only when every pipeline declaring that name wants the same
 * description, default and value in every target; otherwise each such pipeline's is
 * `<pipeline>__<param>`, so no job ever reads another pipeline's value.
 */
export function bundleVariables(ir: IR): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const wanted = new Map<string, Set<string>>();
  for (const pipeline of ir.pipelines) {
    for (const param of pipeline.params) wanted.set(param.name, (wanted.get(param.name) ?? new Set()).add(wantedValues(ir, pipeline, param)));
  }
  return new Map(
    ir.pipelines.map((pipeline) => [
      pipeline.id,
      new Map(pipeline.params.map((param) => [param.name, wanted.get(param.name)!.size === 1 ? param.name : `${pipeline.id}__${param.name}`])),
    ]),
  );
}
