import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { IR } from "../ir/ir.js";
import type { AnyTarget } from "../target/target.js";

/** A runPipeline task on a target its other pipeline is not built for (its `targets` leave that target out) would start nothing there. */
export function childrenNotBuilt(ir: IR, target: AnyTarget, fileOf: (pipelineId: string) => string): Diagnostic[] {
  const built = new Set(ir.pipelines.map((pipeline) => pipeline.id));
  return ir.pipelines.flatMap((pipeline) =>
    pipeline.tasks.flatMap((task) =>
      task.action.kind === "runPipeline" && !built.has(task.action.pipeline)
        ? [
            error("ORC153", `task \`${task.id}\` starts pipeline \`${task.action.pipeline}\`, which is not built for ${target.name}`, {
              hint: `add \`${target.key ?? target.name}: {}\` to the \`targets\` of \`${task.action.pipeline}\`, or leave ${target.name} out of this pipeline's \`targets\``,
              subject: { file: fileOf(pipeline.id), pipelineId: pipeline.id, taskId: task.id, path: ["action", "pipeline"] },
            }),
          ]
        : [],
    ),
  );
}
