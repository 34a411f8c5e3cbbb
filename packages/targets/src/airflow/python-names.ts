const PYTHON_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type".split(" "),
);

/** Names the generated module itself binds; a task variable must not shadow them. */
const TAKEN_BY_MODULE = ["annotations", "datetime", "pendulum", "dag", "DAG", "Param", "TaskGroup", "BashOperator", "DatabricksSubmitRunOperator", "DatabricksSqlOperator", "SmtpNotifier", "ExceptionRetryPolicy", "RetryAction", "RetryRule", "Variable", "mask_secret", "orchc_secret_env", "orchc_no_retry_on_timeout", "PythonOperator", "orchc_items", "AirflowFailException", "OrchcForEachBashOperator", "OrchcForEachDatabricksSubmitRunOperator", "OrchcForEachDatabricksSqlOperator", "json", "print", "id", "list", "dict", "str"];

/** `base`, or `base_2`, `base_3`, … : the first that is not taken, which it then takes. */
export function freshName(base: string, taken: Set<string>): string {
  let name = base;
  for (let suffix = 2; taken.has(name); suffix++) name = `${base}_${suffix}`;
  taken.add(name);
  return name;
}

/** One Python variable per task, derived from its id and unique (ids allow `-`, Python does not). */
export function pythonVariables(ids: ReadonlyArray<string>): Map<string, string> {
  const used = new Set<string>(TAKEN_BY_MODULE);
  const variables = new Map<string, string>();
  for (const id of ids) {
    let base = id.replace(/[^A-Za-z0-9_]/g, "_");
    if (/^[0-9]/.test(base) || PYTHON_KEYWORDS.has(base) || used.has(base)) base = `task_${base}`;
    variables.set(id, freshName(base, used));
  }
  return variables;
}
