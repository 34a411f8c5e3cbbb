import { didYouMean, error, type ActionKind, type ActionNode, type Diagnostic, type DiagnosticSubject, type IR, type PipelineNode } from "@orchc/compiler";
import type * as z from "zod";
import { localPipelineOverrides, localTaskOverrides } from "./local-options.js";

/** Why an action means nothing on one machine unless `.local({ command })` says how to run it (null: it runs as is). */
const NEEDS_COMMAND_BECAUSE: Record<ActionKind, string | null> = {
  shell: null,
  python: null,
  notebook: "a notebook runs in a Databricks workspace",
  sparkPython: "a Spark Python file runs on a Databricks cluster",
  pythonWheel: "a Python wheel task runs on Databricks compute",
  sparkJar: "a spark JAR task runs on a Databricks cluster",
  dbt: "a dbt task runs on Databricks compute",
  lakeflowPipeline: "a Lakeflow pipeline runs on Databricks",
  sql: "a SQL task runs on a Databricks warehouse",
  runPipeline: null,
};

/** A command to suggest: the task's own Python file when it names a plain relative one; a wheel's entry point run from the project. */
function exampleCommand(action: ActionNode): string {
  if (action.kind === "pythonWheel") return `uv run ${/^[\w.-]+$/.test(action.entryPoint) ? action.entryPoint : "main"}`;
  if (action.kind === "sparkJar") return `spark-submit --class ${/^[\w.$]+$/.test(action.mainClass) ? action.mainClass : "Main"} target/app.jar`;
  // dbt's own commands run as they are, from the dbt project, when each is plain text.
  if (action.kind === "dbt") {
    const plain = action.commands.map((command) => (command.kind === "literal" && /^dbt [\w .=-]*$/.test(String(command.value)) ? String(command.value) : null));
    return plain.every((command) => command !== null) ? plain.join(" && ") : "dbt build";
  }
  const file = action.kind === "sparkPython" ? action.file : action.kind === "notebook" ? action.path : "";
  return `python3 ${/^[\w-][\w./-]*\.py$/.test(file) ? file : "src/x.py"}`;
}

type Subject = Omit<DiagnosticSubject, "file" | "pipelineId">;

/** One ORC302 per problem in an override object, each pointing at the key it is about (`key`: that top-level key). */
function overrideProblems(schema: z.ZodObject, value: unknown, where: string, subject: (path: Array<string | number>) => DiagnosticSubject): Array<{ key: string; diagnostic: Diagnostic }> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  const keys = Object.keys(schema.shape);
  return parsed.error.issues.flatMap((issue) => {
    const path = issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment));
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const hint = didYouMean(key, keys);
        return { key, diagnostic: error("ORC302", `${where}: unknown key \`${key}\`; the keys are ${keys.join(", ")}`, { ...(hint && { hint }), subject: subject([...path, key]) }) };
      });
    }
    const message = issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    return [{ key: String(path[0]), diagnostic: error("ORC302", `${where}: \`${path.join(".")}\` ${message}`, { subject: subject(path) }) }];
  });
}

function checkPipeline(pipeline: PipelineNode, file: string): Diagnostic[] {
  const at = (subject: Subject): DiagnosticSubject => ({ file, pipelineId: pipeline.id, ...subject });
  const diagnostics: Diagnostic[] = [];
  // The resolved pipeline and every environment share the base values: a key holding the same value is reported once.
  const seen = new Set<string>();
  const layers = [
    { overrides: pipeline.overrides.local, where: `\`.local({...})\` on pipeline \`${pipeline.id}\``, path: ["overrides", "local"] },
    ...pipeline.environments.map((environment) => ({
      overrides: environment.overrides.local,
      where: `\`overrides.local\` of environment \`${environment.name}\``,
      path: ["environments", environment.name, "overrides", "local"],
    })),
  ];
  for (const layer of layers) {
    for (const { key, diagnostic } of overrideProblems(localPipelineOverrides, layer.overrides, layer.where, (path) => at({ path: [...layer.path, ...path] }))) {
      const keyAndValue = `${key}=${JSON.stringify(layer.overrides[key])}`;
      if (seen.has(keyAndValue)) continue;
      seen.add(keyAndValue);
      diagnostics.push(diagnostic);
    }
  }
  for (const task of pipeline.tasks) {
    const where = `\`.local({...})\` on task \`${task.id}\``;
    for (const { diagnostic } of overrideProblems(localTaskOverrides, task.overrides.local, where, (path) => at({ taskId: task.id, path: ["overrides", "local", ...path] }))) diagnostics.push(diagnostic);
    const reason = NEEDS_COMMAND_BECAUSE[task.action.kind];
    if (reason === null || typeof task.overrides.local["command"] === "string") continue;
    diagnostics.push(
      error("ORC301", `task \`${task.id}\` uses a ${task.action.kind} action, which the local target cannot express: ${reason}, and the task has no local command`, {
        hint: `give it a local command: \`.local({ command: ${JSON.stringify(exampleCommand(task.action))} })\`, or build this pipeline for databricks`,
        subject: at({ taskId: task.id, path: ["action"] }),
      }),
    );
  }
  return diagnostics;
}

/** Value checks the capability table cannot make: tasks that need a command, and `.local()` values. */
export function checkForLocal({ ir, fileOf }: { ir: IR; fileOf: (pipelineId: string) => string }): Diagnostic[] {
  return ir.pipelines.flatMap((pipeline) => checkPipeline(pipeline, fileOf(pipeline.id)));
}
