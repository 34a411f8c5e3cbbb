// The DAGs orchc's Airflow DAG is compared with: the smallest hand-written one and dag-factory's
// YAML. Both are written from the tasks Airflow found in orchc's DAG (airflow-parse.py --tasks),
// so they hold the same tasks and edges by construction; the bench then checks it by parsing them.
// The DAG-level settings are those of generate-pipeline.mjs's dslPipeline.

const BASH_OPERATOR = "airflow.providers.standard.operators.bash.BashOperator";

/** A Python or YAML double-quoted string: JSON's escapes mean the same in both. */
const quoted = (text) => JSON.stringify(text);

/** Variable names as a person would write them (the task ids are identifiers already). */
const variable = (taskId) => {
  if (!/^[A-Za-z_]\w*$/.test(taskId))
    throw new Error(`task id ${taskId} is not a Python identifier`);
  return taskId;
};

/** One BashOperator per task with its bash_command, the same `>>` edges, and nothing else. */
export function handWrittenDag(dagId, tasks) {
  const lines = [
    "import pendulum",
    "from airflow.sdk import DAG, Param",
    `from ${BASH_OPERATOR.replace(/\.BashOperator$/, "")} import BashOperator`,
    "",
    "with DAG(",
    `    dag_id=${quoted(dagId)},`,
    '    schedule="0 6 * * *",',
    '    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),',
    "    catchup=False,",
    "    max_active_runs=1,",
    '    params={"day": Param("", type="string")},',
    "):",
  ];
  for (const task of tasks)
    lines.push(
      `    ${variable(task.task_id)} = BashOperator(task_id=${quoted(task.task_id)}, bash_command=${quoted(task.bash_command)})`,
    );
  for (const task of tasks)
    for (const upstream of task.upstream)
      lines.push(`    ${variable(upstream)} >> ${variable(task.task_id)}`);
  return `${lines.join("\n")}\n`;
}

/**
 * dag-factory's YAML for the same DAG, with orchc's task settings too (env, exit codes, retries), so that
 * dag-factory builds the same operators orchc's file does.
 */
export function dagFactoryYaml(dagId, tasks) {
  const lines = [
    `${dagId}:`,
    '  schedule: "0 6 * * *"',
    '  start_date: "2024-01-01"',
    "  catchup: false",
    "  is_paused_upon_creation: false",
    "  max_active_runs: 1",
    "  params:",
    "    day:",
    "      __type__: airflow.sdk.Param",
    '      __args__: [""]',
    "      type: string",
    "  tasks:",
  ];
  for (const task of tasks) {
    lines.push(
      `    ${task.task_id}:`,
      `      operator: ${BASH_OPERATOR}`,
      `      bash_command: ${quoted(task.bash_command)}`,
    );
    if (task.env) {
      lines.push("      env:");
      for (const [name, value] of Object.entries(task.env))
        lines.push(`        ${name}: ${quoted(value)}`);
    }
    if (task.append_env) lines.push("      append_env: true");
    lines.push(
      `      skip_on_exit_code: [${task.skip_on_exit_code.join(", ")}]`,
    );
    if (task.retries) {
      lines.push(`      retries: ${task.retries}`);
      if (task.retry_delay_seconds !== null)
        lines.push(
          "      retry_delay:",
          "        __type__: datetime.timedelta",
          `        seconds: ${task.retry_delay_seconds}`,
        );
    }
    if (task.upstream.length > 0)
      lines.push(`      dependencies: [${task.upstream.join(", ")}]`);
  }
  return `${lines.join("\n")}\n`;
}

/** The DAG file dag-factory's docs have users write beside the YAML. */
export function dagFactoryLoader(yamlName) {
  return [
    "# Airflow DAG file: dag-factory builds the DAG from the YAML beside it.",
    "from pathlib import Path",
    "",
    "from dagfactory import load_yaml_dags",
    "",
    `load_yaml_dags(globals_dict=globals(), config_filepath=str(Path(__file__).with_name(${quoted(yamlName)})))`,
    "",
  ].join("\n");
}
