import type { ComputeSpec } from "@orchc/dsl";
import { format } from "prettier";
import { Project, VariableDeclarationKind, type SourceFile } from "ts-morph";
import type { ImportedAction, ImportedFile, ImportedPipeline, ImportedTask } from "../model/imported-pipeline.js";
import { durationText } from "./duration-text.js";
import { commentText, stringLiteral, tsLiteral, type LiteralValue } from "./ts-literal.js";
import { VariableNames } from "./variable-names.js";

/** The `orchc` exports a generated file may call; its own names must not shadow them. */
const HELPERS = ["pipeline", "notebook", "sql", "cluster", "existingCluster", "warehouse", "sqlWarehouse", "serverless"] as const;
type Helper = (typeof HELPERS)[number];

const comments = (lines: ReadonlyArray<string>): string => lines.map((line) => `// ${commentText(line)}\n`).join("");

function computeExpression(spec: ComputeSpec, used: Set<Helper>): string {
  const { kind, ...fields } = spec;
  switch (kind) {
    case "existingCluster":
    case "warehouse":
      used.add(kind);
      return `${kind}(${stringLiteral((spec as { id: string }).id)})`;
    case "cluster":
    case "serverless":
    case "sqlWarehouse":
      used.add(kind);
      return `${kind}(${tsLiteral(fields as LiteralValue)})`;
    case "runner":
      throw new Error("importers never write runner compute");
  }
}

function actionExpression(action: ImportedAction, used: Set<Helper>): string {
  if (action.kind === "notebook") {
    used.add("notebook");
    const params = Object.keys(action.params).length === 0 ? "" : `, ${tsLiteral(action.params as LiteralValue)}`;
    return `notebook(${stringLiteral(action.path)}${params})`;
  }
  used.add("sql");
  return `sql({ file: ${stringLiteral(action.file)} }, { warehouse: ${stringLiteral(action.warehouse)} })`;
}

function taskChain(pipelineName: string, task: ImportedTask, handles: ReadonlyMap<string, string>, used: Set<Helper>): string {
  const calls = [`${pipelineName}.task(${stringLiteral(task.id)}, ${actionExpression(task.action, used)})`];
  if (task.after.length > 0) calls.push(`after(${task.after.map((id) => handles.get(id)!).join(", ")})`);
  if (task.retries !== null && task.retries.count > 0) {
    calls.push(`retries(${task.retries.count}${task.retries.delaySeconds > 0 ? `, { delay: ${stringLiteral(durationText(task.retries.delaySeconds))} }` : ""})`);
  }
  if (task.timeoutSeconds !== null) calls.push(`timeout(${stringLiteral(durationText(task.timeoutSeconds))})`);
  if (task.compute !== null) calls.push(`compute(${stringLiteral(task.compute)})`);
  if (task.tags.length > 0) calls.push(`tags(${task.tags.map(stringLiteral).join(", ")})`);
  return calls.join(".");
}

function addPipeline(source: SourceFile, pipeline: ImportedPipeline, names: VariableNames, used: Set<Helper>): void {
  used.add("pipeline");
  const options: string[] = [`description: ${stringLiteral(pipeline.description)}`];
  if (pipeline.compute.length > 0) {
    const entries = pipeline.compute.map((compute) => `${comments(compute.leftOut)}${stringLiteral(compute.name)}: ${computeExpression(compute.spec, used)}`);
    options.push(`compute: {\n${entries.join(",\n")}\n}`);
  }
  source.addVariableStatement({
    leadingTrivia: comments(pipeline.notes),
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: pipeline.exportName, initializer: `pipeline(${stringLiteral(pipeline.id)}, {\n${options.join(",\n")}\n})` }],
  });
  // Only tasks that a later task waits for need a name.
  const awaited = new Set(pipeline.tasks.flatMap((task) => task.after));
  const handles = new Map<string, string>();
  for (const task of pipeline.tasks) {
    const chain = taskChain(pipeline.exportName, task, handles, used);
    if (!awaited.has(task.id)) {
      source.addStatements([comments([task.origin]).trimEnd(), `${chain};`]);
      continue;
    }
    const handle = names.nameFor(task.id);
    handles.set(task.id, handle);
    source.addVariableStatement({ leadingTrivia: comments([task.origin]), declarationKind: VariableDeclarationKind.Const, declarations: [{ name: handle, initializer: chain }] });
  }
}

/** The imported pipelines as a pipeline.ts, built with ts-morph and formatted with prettier. */
export async function writePipelineSource(imported: ImportedFile): Promise<string> {
  const project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true });
  const source = project.createSourceFile("pipeline.ts", "");
  const names = new VariableNames([...HELPERS, ...imported.pipelines.map((pipeline) => pipeline.exportName)]);
  const used = new Set<Helper>();
  for (const pipeline of imported.pipelines) addPipeline(source, pipeline, names, used);
  source.insertImportDeclaration(0, {
    leadingTrivia: `${comments(imported.header)}\n`,
    moduleSpecifier: "orchc",
    namedImports: HELPERS.filter((helper) => used.has(helper)).sort(),
  });
  return format(source.getFullText(), { parser: "typescript", printWidth: 120 });
}
