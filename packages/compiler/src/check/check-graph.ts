import type { PipelineSpec } from "@orchc/dsl";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";

/** Tasks that depend on each other in a circle (strongly connected, Tarjan's algorithm, iteratively: graphs may be 10,000 deep). */
function tangles(dependencies: ReadonlyMap<string, ReadonlyArray<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  for (const root of dependencies.keys()) {
    if (index.has(root)) continue;
    const frames: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    index.set(root, index.size);
    low.set(root, index.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const deps = dependencies.get(frame.id) ?? [];
      if (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        if (!index.has(dep)) {
          index.set(dep, index.size);
          low.set(dep, index.get(dep)!);
          stack.push(dep);
          onStack.add(dep);
          frames.push({ id: dep, next: 0 });
        } else if (onStack.has(dep)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(dep)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const members: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== frame.id);
      if (members.length > 1) found.push(members);
    }
  }
  return found;
}

interface Cycle {
  /** In execution order, first task repeated at the end. */
  readonly path: string[];
  /** The dependency to point at: `task` runs after `dependency`, a task declared after it. */
  readonly task: string;
  readonly dependency: string;
}

/**
 * One cycle through a tangle, through the dependency that closes it: a task's `after` naming a task
 * declared later (in a builder pipeline, only a string id can do that). Every cycle has one.
 */
function cycleThrough(members: ReadonlySet<string>, order: ReadonlyArray<string>, dependencies: ReadonlyMap<string, ReadonlyArray<string>>): Cycle {
  const position = new Map(order.map((id, index) => [id, index]));
  const inOrder = order.filter((id) => members.has(id));
  let task = inOrder[0]!;
  let dependency = (dependencies.get(task) ?? []).find((dep) => members.has(dep))!;
  search: for (const id of inOrder) {
    for (const dep of dependencies.get(id) ?? []) {
      if (members.has(dep) && position.get(dep)! > position.get(id)!) {
        task = id;
        dependency = dep;
        break search;
      }
    }
  }
  // Shortest way back from `dependency` to `task` along `after`, within the tangle.
  const cameFrom = new Map<string, string>([[dependency, dependency]]);
  const queue = [dependency];
  for (let head = 0; head < queue.length && !cameFrom.has(task); head++) {
    const current = queue[head]!;
    for (const dep of dependencies.get(current) ?? []) {
      if (!members.has(dep) || cameFrom.has(dep)) continue;
      cameFrom.set(dep, current);
      queue.push(dep);
    }
  }
  // Walking back from `task` lists the tasks in the order they would run.
  const path = [task];
  for (let current = task; current !== dependency; ) {
    current = cameFrom.get(current)!;
    path.push(current);
  }
  return { path: [...path, task], task, dependency };
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
  const dependencies = new Map(spec.tasks.map((task) => [task.id, (task.after ?? []).filter((dep) => known.has(dep) && dep !== task.id)]));
  const order = spec.tasks.map((task) => task.id);
  // Once per tangle, however many cycles run through it: removing one dependency may untie it all.
  for (const members of tangles(dependencies)) {
    const cycle = cycleThrough(new Set(members), order, dependencies);
    const others = order.filter((id) => members.includes(id) && !cycle.path.includes(id));
    diagnostics.push(
      error("ORC202", `dependency cycle: ${cycle.path.join(" → ")}`, {
        hint: `a pipeline must be acyclic; remove one of these dependencies, such as \`${cycle.task}\` after \`${cycle.dependency}\`${
          others.length > 0 ? ` (${others.map((id) => `\`${id}\``).join(", ")} ${others.length === 1 ? "is" : "are"} in cycles with these tasks too)` : ""
        }`,
        subject: { file, pipelineId: spec.id, taskId: cycle.task, path: ["after"], value: cycle.dependency },
      }),
    );
  }
  return diagnostics;
}
