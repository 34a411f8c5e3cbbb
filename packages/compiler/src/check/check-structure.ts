import type { PipelineSpec } from "@orchc/dsl";
import { PipelineSchema } from "@orchc/dsl/schema";
import type { z } from "zod";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedPipeline } from "../load/loaded-pipeline.js";

function describeIssue(issue: z.core.$ZodIssue): { message: string; hint?: string } {
  const where = issue.path.length > 0 ? `\`${issue.path.join(".")}\`` : "the pipeline";
  if (issue.code === "unrecognized_keys") {
    return { message: `${where} has unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `\`${key}\``).join(", ")}` };
  }
  if (issue.code === "invalid_union" && "note" in issue && issue.note === "No matching discriminator") {
    return { message: `${where}: ${issue.message}` };
  }
  return { message: `${where}: ${issue.message}` };
}

/** Checks the shape of one loaded pipeline with the spec's zod schema. */
export function checkStructure(loaded: LoadedPipeline): { spec: PipelineSpec | null; diagnostics: Diagnostic[] } {
  const result = PipelineSchema.safeParse(loaded.spec);
  if (result.success) return { spec: result.data as PipelineSpec, diagnostics: [] };
  const raw = loaded.spec as { id?: unknown; tasks?: Array<{ id?: unknown }> } | null;
  const pipelineId = typeof raw?.id === "string" ? raw.id : undefined;
  const diagnostics = result.error.issues.map((issue) => {
    const [first, index, ...rest] = issue.path;
    const task = first === "tasks" && typeof index === "number" ? raw?.tasks?.[index] : undefined;
    const taskId = typeof task?.id === "string" ? task.id : undefined;
    const { message, hint } = describeIssue(issue);
    return error("ORC105", message, {
      hint,
      subject: {
        file: loaded.file,
        pipelineId,
        taskId,
        path: (taskId ? rest : issue.path).filter((segment): segment is string | number => typeof segment !== "symbol"),
      },
    });
  });
  return { spec: null, diagnostics };
}
