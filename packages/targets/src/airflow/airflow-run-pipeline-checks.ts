import { error, type Diagnostic, type PipelineNode } from "@orchc/compiler";
import type { AirflowOptions } from "./airflow-options.js";

/**
 * On Airflow 3 the TriggerDagRunOperator's execute() only asks for the run; the task runner waits for
 * it afterwards, outside the `execution_timeout` that guards execute() (airflow.sdk task_runner
 * `_handle_trigger_dag_run`; under dag.test() it polled 12 minutes past a 3-minute timeout). A timeout
 * there would not end the wait, so it is refused rather than written and ignored. Airflow 2 polls
 * inside execute(), where the timeout holds.
 */
export function checkRunPipelineTimeouts(pipeline: PipelineNode, options: AirflowOptions, file: string): Diagnostic[] {
  if (options.airflowVersion !== 3) return [];
  return pipeline.tasks.flatMap((task) =>
    task.action.kind === "runPipeline" && task.timeoutSeconds !== null
      ? [
          error("ORC154", `task \`${task.id}\` starts pipeline \`${task.action.pipeline}\` with a timeout, which Airflow 3 does not apply to the wait for that run (its task runner waits after execute(), outside execution_timeout)`, {
            hint: `give pipeline \`${task.action.pipeline}\` a timeout (its DAG's dagrun_timeout fails that run, and so this task), or build with --airflow-version 2`,
            subject: { file, pipelineId: pipeline.id, taskId: task.id, path: ["timeout"] },
          }),
        ]
      : [],
  );
}
