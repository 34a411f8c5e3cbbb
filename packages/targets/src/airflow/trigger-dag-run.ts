import type { PipelineNode, TaskNode } from "@orchc/compiler";
import { jinjaPieces, noSecretHere } from "./jinja.js";
import { code, dict, list, pyValue, str, template, type Py } from "./python-source.js";

/** Where TriggerDagRunOperator lives: the standard provider on Airflow 3, core on Airflow 2. */
export const TRIGGER_DAG_RUN_MODULE = { 3: "airflow.providers.standard.operators.trigger_dagrun", 2: "airflow.operators.trigger_dagrun" } as const;

/**
 * Seconds between two looks at the other DAG's run. Airflow's default is 60, which would add up to a
 * minute to every run that starts another; 10 keeps the wait short at the cost of a few more queries.
 */
const POKE_SECONDS = 10;

/**
 * Starts the other pipeline's DAG and waits for its run. The run is judged as orchc judges it: its DAG
 * run is `success` for SUCCESS and PARTIAL (orchc_optional_end makes an optional failure no failed
 * leaf), `failed` for FAILED. Literal values stay Python values so the other DAG's typed Params
 * accept them; references are rendered text, as every templated field is.
 */
export function triggerDagRunArguments(pipeline: PipelineNode, task: TaskNode, airflowVersion: 2 | 3): Array<[string, Py]> {
  const action = task.action;
  if (action.kind !== "runPipeline") throw new Error(`internal: ${action.kind} is no runPipeline task`);
  const value = (node: (typeof action.params)[number]["value"]): Py => (node.kind === "literal" ? pyValue(node.value) : template(jinjaPieces(pipeline, node, noSecretHere)));
  return [
    ["trigger_dag_id", str(action.pipeline)],
    ...(action.params.length > 0 ? [["conf", dict(action.params.map(({ name, value: node }) => [name, value(node)]))] as [string, Py]] : []),
    ["wait_for_completion", code("True")],
    ["poke_interval", code(String(POKE_SECONDS))],
    ["allowed_states", list([str("success")])],
    ["failed_states", list([str("failed")])],
    // A paused DAG runs nothing, a run asked for included: without this the task would wait forever.
    // Airflow 2.10's core operator has no such argument (there the task's timeout ends the wait).
    ...(airflowVersion === 3 ? [["fail_when_dag_is_paused", code("True")] as [string, Py]] : []),
  ];
}
