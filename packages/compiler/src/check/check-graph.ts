import type { PipelineSpec } from "@orchc/dsl";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";

/** Finds one cycle per strongly tangled region, iteratively (graphs may be 10,000 deep). */
function findCycles(spec: PipelineSpec, known: ReadonlySet<string>): string[][] {
  const dependencies = new Map(spec.tasks.map((task) => [task.id, (task.after ?? []).filter((dep) => known.has(dep) && dep !== task.id)]));
  const state = new Map<string, "active" | "done">();
  const cycles: string[][] = [];
  for (const root of spec.tasks) {
    if (state.has(root.id)) continue;
    const stack: Array<{ id: string; next: number }> = [{ id: root.id, next: 0 }];
    state.set(root.id, "active");
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const deps = dependencies.get(frame.id) ?? [];
      if (frame.next >= deps.length) {
        state.set(frame.id, "done");
        stack.pop();
        continue;
      }
      const dep = deps[frame.next++]!;
      const depState = state.get(dep);
      if (depState === "active") {
        const start = stack.findIndex((entry) => entry.id === dep);
        // Printed in execution order: each task runs after the one before it.
        cycles.push([...stack.slice(start).map((entry) => entry.id), dep].reverse());
      } else if (depState === undefined) {
        state.set(dep, "active");
        stack.push({ id: dep, next: 0 });
      }
    }
  }
  return cycles;
}

export function checkGraph(spec: PipelineSpec, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (spec.tasks.length === 0) {
    diagnostics.push(
      error("ORC204", `pipeline \`${spec.id}\` has no tasks`, {
        hint: "declare at least one task with `.task(id, action)`",
        subject: { file, pipelineId: spec.id },
      }),
    );
    return diagnostics;
  }
  const known = new Set(spec.tasks.map((task) => task.id));
  for (const task of spec.tasks) {
    const seen = new Set<string>();
    for (const dep of task.after ?? []) {
      const subject = { file, pipelineId: spec.id, taskId: task.id, path: ["after"], value: dep };
      if (dep === task.id) {
        diagnostics.push(error("ORC203", `task \`${task.id}\` depends on itself`, { hint: "remove it from its own `after`", subject }));
      } else if (!known.has(dep)) {
        diagnostics.push(
          error("ORC201", `task \`${task.id}\` depends on \`${dep}\`, which pipeline \`${spec.id}\` does not declare`, {
            hint: didYouMean(dep, known) ?? "declare that task, or remove the dependency",
            subject,
          }),
        );
      } else if (seen.has(dep)) {
        diagnostics.push(warning("ORC205", `task \`${task.id}\` lists \`${dep}\` twice in \`after\``, { subject }));
      }
      seen.add(dep);
    }
  }
  for (const cycle of findCycles(spec, known)) {
    diagnostics.push(
      error("ORC202", `dependency cycle: ${cycle.join(" → ")}`, {
        hint: "a pipeline must be acyclic; remove one of these dependencies",
        subject: { file, pipelineId: spec.id, taskId: cycle[1], path: ["after"], value: cycle[0] },
      }),
    );
  }
  return diagnostics;
}
