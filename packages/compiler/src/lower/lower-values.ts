import type { ActionSpec, ArtifactSpec, LibrarySpec, NotifySpec, ReferenceSpec, TargetOverridesSpec, ValueSpec } from "@orchc/dsl";
import type { ActionNode } from "../ir/action-node.js";
import { lowerDbt, lowerSavedSql, lowerSparkJar } from "./lower-databricks-actions.js";
import type { ArtifactNode, LibraryNode } from "../ir/library-node.js";
import type { NotifyNode } from "../ir/notify-node.js";
import type { OverridesNode } from "../ir/task-node.js";
import type { NamedValueNode, TemplatePartNode, ValueNode } from "../ir/value-node.js";

function lowerReference(reference: ReferenceSpec): Exclude<TemplatePartNode, { kind: "text" }> {
  if ("$param" in reference) return { kind: "param", name: reference.$param };
  if ("$secret" in reference) return { kind: "secret", name: reference.$secret };
  if ("$run" in reference) return { kind: "run", name: reference.$run };
  if ("$item" in reference) return { kind: "item" };
  if ("$output" in reference) return { kind: "output", task: reference.$output.task, name: reference.$output.name };
  if ("$databricks" in reference) return { kind: "databricks", syntax: "bundle", path: reference.$databricks };
  return { kind: "databricks", syntax: "dynamic", path: reference.$databricksValue };
}

export function lowerValue(value: ValueSpec): ValueNode {
  if (typeof value !== "object") return { kind: "literal", value };
  if (!("$template" in value)) return lowerReference(value);
  const parts: TemplatePartNode[] = value.$template.map((part) => (typeof part === "string" ? { kind: "text", text: part } : lowerReference(part)));
  return { kind: "template", parts };
}

export const lowerNamedValues = (values: Readonly<Record<string, ValueSpec>> | undefined): NamedValueNode[] =>
  Object.entries(values ?? {}).map(([name, value]) => ({ name, value: lowerValue(value) }));

export function lowerLibrary(library: LibrarySpec): LibraryNode {
  if ("whl" in library) return { kind: "whl", path: library.whl };
  if ("jar" in library) return { kind: "jar", path: library.jar };
  if ("pypi" in library) return { kind: "pypi", package: library.pypi.package, repo: library.pypi.repo ?? null };
  return { kind: "maven", coordinates: library.maven.coordinates, repo: library.maven.repo ?? null, exclusions: library.maven.exclusions ?? [] };
}

export const lowerArtifact = (key: string, artifact: ArtifactSpec): ArtifactNode => ({
  key,
  type: artifact.type,
  build: artifact.build ?? null,
  path: artifact.path ?? null,
  files: (artifact.files ?? []).map((file) => file.source),
  dynamicVersion: artifact.dynamicVersion ?? null,
});

export function lowerAction(action: ActionSpec): ActionNode {
  switch (action.kind) {
    case "shell":
      return { kind: "shell", command: lowerValue(action.command) };
    case "python":
      return { kind: "python", script: action.script, args: (action.args ?? []).map(lowerValue) };
    case "notebook":
      return { kind: "notebook", path: action.path, params: lowerNamedValues(action.params), source: action.source ?? "workspace" };
    case "sparkPython":
      return { kind: "sparkPython", file: action.file, args: (action.args ?? []).map(lowerValue) };
    case "pythonWheel":
      return {
        kind: "pythonWheel",
        package: action.package,
        entryPoint: action.entryPoint,
        parameters: (action.parameters ?? []).map(lowerValue),
        namedParameters: lowerNamedValues(action.namedParameters),
        libraries: (action.libraries ?? []).map(lowerLibrary),
      };
    case "sparkJar":
      return lowerSparkJar(action);
    case "dbt":
      return lowerDbt(action);
    case "lakeflowPipeline":
      return { kind: "lakeflowPipeline", pipeline: action.pipeline, fullRefresh: action.fullRefresh ?? false };
    case "runPipeline":
      return { kind: "runPipeline", pipeline: action.pipeline, params: lowerNamedValues(action.params) };
    case "sql":
      return { kind: "sql", file: action.file ?? null, query: action.query ?? null, saved: lowerSavedSql(action), warehouse: action.warehouse, params: lowerNamedValues(action.params) };
  }
}

export const lowerNotify = (notify: NotifySpec | null | undefined): NotifyNode => ({
  onStart: notify?.onStart?.email ?? [],
  onSuccess: notify?.onSuccess?.email ?? [],
  onFailure: notify?.onFailure?.email ?? [],
});

export function mergeOverrides(...layers: Array<TargetOverridesSpec | undefined>): OverridesNode {
  const merged = { airflow: {}, databricks: {}, githubActions: {}, local: {} };
  for (const layer of layers) {
    for (const target of Object.keys(merged) as Array<keyof typeof merged>) {
      merged[target] = { ...merged[target], ...layer?.[target] };
    }
  }
  return merged;
}
