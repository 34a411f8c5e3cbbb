import { error, type Diagnostic, type IR } from "@orchc/compiler";

/**
 * A trigger `after` another pipeline needs that pipeline's DAG or workflow in the same output: its
 * success is what the target listens for (an Airflow asset its DAG updates, a workflow_run of its
 * workflow). The compiler checked it is in the build; here, that it is built for this target too.
 */
export function checkTriggerUpstreams(ir: IR, targetName: string, fileOf: (pipelineId: string) => string): Diagnostic[] {
  const built = new Set(ir.pipelines.map((pipeline) => pipeline.id));
  return ir.pipelines.flatMap((pipeline) => {
    const places = [
      { trigger: pipeline.trigger, path: ["trigger", "after"] },
      ...pipeline.environments.map((environment) => ({ trigger: environment.trigger, path: ["environments", environment.name, "trigger", "after"] })),
    ];
    const reported = new Set<string>();
    return places.flatMap(({ trigger, path }) =>
      trigger?.kind !== "after"
        ? []
        : trigger.pipelines
            .filter((upstream) => !built.has(upstream) && !reported.has(upstream))
            .map((upstream) => {
              reported.add(upstream);
              return error("ORC158", `pipeline \`${pipeline.id}\` runs after \`${upstream}\`, which is not built for ${targetName}`, {
                hint: `build \`${upstream}\` for ${targetName} too (add it to that pipeline's \`targets\`), or leave ${targetName} out of this pipeline's \`targets\``,
                subject: { file: fileOf(pipeline.id), pipelineId: pipeline.id, path, value: upstream },
              });
            }),
    );
  });
}
