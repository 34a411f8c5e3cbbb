import type { RunPlan } from "../plan.js";

/** The selected tasks by how many dependencies deep they sit: what `--dry-run` prints. */
export function planWaves(plan: RunPlan, selected: ReadonlySet<string>): string[][] {
  const depth = new Map<string, number>();
  const waves: string[][] = [];
  for (const task of plan.tasks) {
    if (!selected.has(task.id)) continue;
    const level = Math.max(-1, ...task.dependsOn.map((dependency) => depth.get(dependency) ?? -1)) + 1;
    depth.set(task.id, level);
    (waves[level] ??= []).push(task.id);
  }
  return waves;
}
