import type { PipelineSpec, TaskSpec } from "@orchc/dsl";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { CheckedPipeline } from "./check-pipelines.js";
import { referencesIn } from "./walk-values.js";

type RunPipelineTask = TaskSpec & { readonly action: Extract<TaskSpec["action"], { kind: "runPipeline" }> };

const startingTasks = (spec: PipelineSpec): RunPipelineTask[] => spec.tasks.filter((task): task is RunPipelineTask => task.action.kind === "runPipeline");

/** The literal's type as a param type names it; null for a reference or template, which only the run knows. */
function literalType(value: unknown): "string" | "number" | "boolean" | null {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? (typeof value as "string" | "number" | "boolean") : null;
}

/** The values a task passes must fit the other pipeline's params, and it must give those without a default. */
function checkParams(parent: CheckedPipeline, task: RunPipelineTask, child: PipelineSpec): Diagnostic[] {
  const declared = child.params ?? {};
  const given = task.action.params ?? {};
  const subject = (path: Array<string | number>) => ({ file: parent.loaded.file, pipelineId: parent.spec.id, taskId: task.id, path });
  const diagnostics: Diagnostic[] = [];
  for (const [name, value] of Object.entries(given)) {
    const param = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (param === undefined) {
      const names = Object.keys(declared);
      diagnostics.push(
        error("ORC152", `task \`${task.id}\` passes \`${name}\`, which pipeline \`${child.id}\` does not declare`, {
          hint: didYouMean(name, names) ?? (names.length > 0 ? `its params: ${names.join(", ")}` : `pipeline \`${child.id}\` declares no params`),
          subject: subject(["action", "params", name]),
        }),
      );
      continue;
    }
    if (referencesIn(value).some((reference) => reference.kind === "secret")) {
      diagnostics.push(
        error("ORC152", `task \`${task.id}\` passes a secret to \`${name}\` of pipeline \`${child.id}\`, and a started run keeps its param values in clear (Airflow's run conf, Databricks' job parameters)`, {
          hint: `declare the secret in pipeline \`${child.id}\` and read it there`,
          subject: subject(["action", "params", name]),
        }),
      );
      continue;
    }
    const type = literalType(value);
    const fits = type === null || (param.type === "enum" ? typeof value === "string" && param.values.includes(value) : param.type === type);
    if (!fits) {
      diagnostics.push(
        error("ORC152", `task \`${task.id}\` passes ${JSON.stringify(value)} to \`${name}\` of pipeline \`${child.id}\`, ${param.type === "enum" ? "an" : "a"} ${param.type} param`, {
          hint: param.type === "enum" ? `one of: ${param.values.join(", ")}` : `give a ${param.type}`,
          subject: subject(["action", "params", name]),
        }),
      );
    }
  }
  for (const [name, param] of Object.entries(declared)) {
    if (param.default !== undefined || Object.hasOwn(given, name)) continue;
    diagnostics.push(
      error("ORC152", `task \`${task.id}\` starts pipeline \`${child.id}\` without \`${name}\`, a param with no default, so every run of it would be refused`, {
        hint: `pass it: runPipeline(${child.id}, { params: { ${name}: ... } })`,
        subject: subject(["action", "pipeline"]),
      }),
    );
  }
  return diagnostics;
}

/** A pipeline that starts itself, directly or through others: each cycle once, from the first pipeline on it. */
function checkCycles(pipelines: ReadonlyArray<CheckedPipeline>): Diagnostic[] {
  const byId = new Map(pipelines.map((pipeline) => [pipeline.spec.id, pipeline]));
  const reported = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const visit = (id: string, path: ReadonlyArray<{ pipeline: CheckedPipeline; task: RunPipelineTask }>): void => {
    const pipeline = byId.get(id);
    if (pipeline === undefined) return;
    const start = path.findIndex((step) => step.pipeline.spec.id === id);
    if (start >= 0) {
      const cycle = path.slice(start);
      const key = cycle.map((step) => step.pipeline.spec.id).sort().join("\0");
      if (reported.has(key)) return;
      reported.add(key);
      const first = cycle[0]!;
      diagnostics.push(
        error("ORC151", `pipelines start each other in a cycle: ${[...cycle.map((step) => step.pipeline.spec.id), id].join(" → ")}`, {
          hint: "a run would start runs without end; remove one of these runPipeline tasks, or move the shared work into a pipeline that starts none of them",
          subject: { file: first.pipeline.loaded.file, pipelineId: first.pipeline.spec.id, taskId: first.task.id, path: ["action", "pipeline"] },
        }),
      );
      return;
    }
    for (const task of startingTasks(pipeline.spec)) visit(task.action.pipeline, [...path, { pipeline, task }]);
  };
  for (const pipeline of pipelines) visit(pipeline.spec.id, []);
  return diagnostics;
}

/** A runPipeline task names a pipeline of this build, passes what its params take, and starts no cycle. */
export function checkRunPipelines(pipelines: ReadonlyArray<CheckedPipeline>): Diagnostic[] {
  const byId = new Map(pipelines.map((pipeline) => [pipeline.spec.id, pipeline.spec]));
  const diagnostics: Diagnostic[] = [];
  for (const parent of pipelines) {
    for (const task of startingTasks(parent.spec)) {
      if (task.compute !== undefined) {
        diagnostics.push(
          error("ORC136", `task \`${task.id}\` starts another pipeline and names compute \`${task.compute}\`, but it runs nothing itself: the other pipeline's tasks run on their own compute`, {
            hint: "drop `compute` from this task",
            subject: { file: parent.loaded.file, pipelineId: parent.spec.id, taskId: task.id, path: ["compute"] },
          }),
        );
      }
      const child = byId.get(task.action.pipeline);
      if (child !== undefined) {
        diagnostics.push(...checkParams(parent, task, child));
        continue;
      }
      const ids = [...byId.keys()].filter((id) => id !== parent.spec.id);
      diagnostics.push(
        error("ORC150", `task \`${task.id}\` starts pipeline \`${task.action.pipeline}\`, which this build does not compile`, {
          hint:
            didYouMean(task.action.pipeline, ids) ??
            `build the file that declares it together with this one (\`orchc build a.ts b.ts\`, or export both from one file)${ids.length > 0 ? `; pipelines in this build: ${ids.join(", ")}` : ""}`,
          subject: { file: parent.loaded.file, pipelineId: parent.spec.id, taskId: task.id, path: ["action", "pipeline"], value: task.action.pipeline },
        }),
      );
    }
  }
  return [...diagnostics, ...checkCycles(pipelines)];
}
