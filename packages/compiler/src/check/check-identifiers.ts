import type { PipelineSpec } from "@orchc/dsl";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { identifierProblem, portableIdFor } from "./identifier-rules.js";

export function checkIdentifiers(spec: PipelineSpec, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const pipelineProblem = identifierProblem(spec.id);
  if (pipelineProblem) {
    diagnostics.push(
      error("ORC110", `pipeline id \`${spec.id}\` ${pipelineProblem}`, {
        hint: `ids must be valid on every target; try \`${portableIdFor(spec.id)}\``,
        subject: { file, pipelineId: spec.id, value: spec.id },
      }),
    );
  }
  // Case-insensitive, because GitHub Actions job ids are.
  const seen = new Map<string, string>();
  for (const [index, task] of spec.tasks.entries()) {
    const problem = identifierProblem(task.id);
    if (problem) {
      diagnostics.push(
        error("ORC110", `task id \`${task.id}\` ${problem}`, {
          hint: `ids must be valid on every target; try \`${portableIdFor(task.id)}\``,
          subject: { file, pipelineId: spec.id, taskId: task.id },
        }),
      );
    }
    const key = task.id.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      diagnostics.push(
        error("ORC112", `task id \`${task.id}\` is declared twice in pipeline \`${spec.id}\`${earlier === task.id ? "" : ` (as \`${earlier}\` too; ids are compared ignoring case)`}`, {
          hint: "give each task its own id",
          // By position, so the report points at the repeated declaration, not the first.
          subject: { file, pipelineId: spec.id, path: ["tasks", index] },
        }),
      );
    } else {
      seen.set(key, task.id);
    }
  }
  return diagnostics;
}
