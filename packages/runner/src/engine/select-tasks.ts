import type { RunPlan } from "../plan.js";
import { RunInputError } from "./run-input-error.js";

export interface Selection {
  readonly from: string | null;
  readonly only: ReadonlyArray<string>;
}

function requireTask(plan: RunPlan, id: string, option: string): void {
  if (plan.tasks.some((task) => task.id === id)) return;
  const close = plan.tasks.map((task) => task.id).filter((candidate) => candidate.toLowerCase().includes(id.toLowerCase()) || id.toLowerCase().includes(candidate.toLowerCase()));
  throw new RunInputError(`${option}: pipeline \`${plan.pipeline.id}\` has no task \`${id}\``, close.length > 0 ? `did you mean ${close.map((candidate) => `\`${candidate}\``).join(", ")}?` : "`--dry-run` lists its tasks");
}

/**
 * The tasks a run may start. `--from t`: t and everything downstream of it; `--only a b`: just those.
 * Tasks left out count as succeeded for the rules of the tasks after them.
 */
export function selectTasks(plan: RunPlan, selection: Selection): Set<string> {
  if (selection.from !== null && selection.only.length > 0) throw new RunInputError("--from and --only cannot be combined", "use --only with every task you want");
  if (selection.only.length > 0) {
    for (const id of selection.only) requireTask(plan, id, "--only");
    return new Set(selection.only);
  }
  if (selection.from !== null) {
    requireTask(plan, selection.from, "--from");
    const chosen = new Set([selection.from]);
    // Topological order: a task's dependencies are decided before it is looked at.
    for (const task of plan.tasks) if (task.dependsOn.some((dependency) => chosen.has(dependency))) chosen.add(task.id);
    return chosen;
  }
  return new Set(plan.tasks.map((task) => task.id));
}
