import type { PipelineSpec } from "@orchc/dsl";
import { PipelineSchema, RetrySchema, TaskSchema } from "@orchc/dsl/schema";
import type { z } from "zod";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedPipeline } from "../load/loaded-pipeline.js";
import { checkInterpolations } from "./check-interpolations.js";
import { PROTO_KEY, protoKeyPaths } from "./proto-keys.js";

function describeIssue(issue: z.core.$ZodIssue, taskId: string | undefined, taskPath: ReadonlyArray<PropertyKey>): string {
  const path = (taskId === undefined ? issue.path : taskPath).map(String).join(".");
  const where = taskId === undefined ? (path ? `\`${path}\`` : "the pipeline") : path ? `task \`${taskId}\`: \`${path}\`` : `task \`${taskId}\``;
  if (issue.code === "unrecognized_keys") {
    return `${where} has unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `\`${key}\``).join(", ")}`;
  }
  return `${where}: ${issue.message}`;
}

/** The keys allowed where a misspelt key is most likely, for "did you mean" hints. */
function knownKeys(taskId: string | undefined, taskPath: ReadonlyArray<PropertyKey>, path: ReadonlyArray<PropertyKey>): string[] {
  if (taskId !== undefined && taskPath.length === 0) return Object.keys(TaskSchema.shape);
  if (taskId !== undefined && taskPath.length === 1 && taskPath[0] === "retries") return Object.keys(RetrySchema.shape);
  if (taskId === undefined && path.length === 0) return Object.keys(PipelineSchema.shape);
  return [];
}

/** `__proto__` keys, refused before zod parses (and drops) them: the name would vanish silently. */
function protoKeys(loaded: LoadedPipeline, pipelineId: string | undefined, taskIdAt: (index: unknown) => string | undefined): Diagnostic[] {
  return protoKeyPaths(loaded.spec).map((path) => {
    const taskId = path[0] === "tasks" ? taskIdAt(path[1]) : undefined;
    return error("ORC110", `\`${PROTO_KEY}\` cannot be a name (at \`${path.slice(0, -1).join(".") || "the top level"}\`)`, {
      hint: "JavaScript objects read `__proto__` as their prototype, so this name would be lost on the way to a target; rename it",
      subject: { file: loaded.file, pipelineId, ...(taskId !== undefined ? { taskId, path: path.slice(2) } : { path }) },
    });
  });
}

/** Checks the shape of one loaded pipeline with the spec's zod schema. */
export function checkStructure(loaded: LoadedPipeline): { spec: PipelineSpec | null; diagnostics: Diagnostic[] } {
  const raw = loaded.spec as { id?: unknown; tasks?: Array<{ id?: unknown }> } | null;
  const pipelineId = typeof raw?.id === "string" ? raw.id : undefined;
  const protoProblems = protoKeys(loaded, pipelineId, (index) => {
    const id = typeof index === "number" && Array.isArray(raw?.tasks) ? raw.tasks[index]?.id : undefined;
    return typeof id === "string" ? id : undefined;
  });
  if (protoProblems.length > 0) return { spec: null, diagnostics: protoProblems };
  // Reported here, and emptied for the schema, so the file's other mistakes are reported with them.
  const interpolations = checkInterpolations(loaded);
  const result = PipelineSchema.safeParse(interpolations.spec);
  if (result.success) return { spec: result.data as PipelineSpec, diagnostics: interpolations.diagnostics };
  const diagnostics = result.error.issues.map((issue) => {
    const [first, index, ...rest] = issue.path;
    const task = first === "tasks" && typeof index === "number" ? raw?.tasks?.[index] : undefined;
    const taskId = typeof task?.id === "string" ? task.id : undefined;
    const hint =
      issue.code === "unrecognized_keys" && issue.keys.length === 1 ? didYouMean(issue.keys[0]!, knownKeys(taskId, rest, issue.path)) : undefined;
    return error("ORC105", describeIssue(issue, taskId, rest), {
      hint,
      subject: {
        file: loaded.file,
        pipelineId,
        taskId,
        path: [...(taskId ? rest : issue.path), ...(issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : [])].filter(
          (segment): segment is string | number => typeof segment !== "symbol",
        ),
      },
    });
  });
  return { spec: null, diagnostics: [...interpolations.diagnostics, ...diagnostics] };
}
