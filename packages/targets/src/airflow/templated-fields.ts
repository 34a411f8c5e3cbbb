import type { AirflowOptions } from "./airflow-options.js";
import { jinjaTemplate } from "./jinja.js";
import { call, str, type Py } from "./python-source.js";

export type TemplatedClass = "BashOperator" | "DatabricksSubmitRunOperator" | "DatabricksSqlOperator" | "TriggerDagRunOperator" | "SmtpNotifier";

interface Templating {
  /** `template_fields`, per Airflow major (with the providers provision-airflow.sh installs). */
  readonly fields: Readonly<Record<AirflowOptions["airflowVersion"], ReadonlyArray<string>>>;
  /** `template_ext`: a rendered string ending in one of these is read as a template file's name. */
  readonly ext: ReadonlyArray<string>;
}

const same = (fields: ReadonlyArray<string>) => ({ 2: fields, 3: fields });

/**
 * What each class orchc emits renders, as the installed classes declare it
 * (test/conformance/airflow/templated-fields.test.ts compares this table with real Airflow 3.3
 * and 2.10). Airflow renders every string inside these fields, nested dicts and lists included.
 */
export const TEMPLATING: Readonly<Record<TemplatedClass, Templating>> = {
  BashOperator: { fields: same(["bash_command", "env", "cwd"]), ext: [".sh", ".bash"] },
  DatabricksSubmitRunOperator: {
    fields: {
      2: ["json", "databricks_conn_id"],
      3: ["json", "tasks", "spark_jar_task", "notebook_task", "spark_python_task", "spark_submit_task", "pipeline_task", "dbt_task", "new_cluster", "existing_cluster_id", "libraries", "environments", "run_name", "timeout_seconds", "idempotency_token", "access_control_list", "git_source", "performance_target", "databricks_conn_id"],
    },
    ext: [".json-tpl"],
  },
  DatabricksSqlOperator: {
    fields: {
      2: ["schema", "sql", "catalog", "hook_params", "http_headers", "parameters", "databricks_conn_id", "database", "_output_path", "conn_id"],
      3: ["_gcs_impersonation_chain", "database", "databricks_conn_id", "sql", "parameters", "catalog", "schema", "query_tags", "conn_id", "http_headers", "hook_params", "_output_path"],
    },
    ext: [".sql"],
  },
  TriggerDagRunOperator: { fields: same(["trigger_dag_id", "trigger_run_id", "logical_date", "conf", "wait_for_completion", "skip_when_already_exists"]), ext: [] },
  SmtpNotifier: {
    fields: {
      2: ["from_email", "to", "subject", "html_content", "files", "cc", "bcc", "mime_subtype", "mime_charset", "custom_headers"],
      3: ["from_email", "to", "subject", "html_content", "files", "cc", "bcc", "mime_subtype", "mime_charset", "custom_headers", "smtp_conn_id"],
    },
    ext: [],
  },
};

/** Every string in a rendered value, however deep, as the escaped text of a template; dict keys are not rendered. */
function escapeRendered(value: Py, ext: ReadonlyArray<string>): Py {
  switch (value.kind) {
    case "str":
      return str(jinjaTemplate([{ text: value.value }], ext));
    case "template":
      return str(jinjaTemplate(value.pieces, ext));
    case "dict":
      return { kind: "dict", entries: value.entries.map(([key, item]) => [key, escapeRendered(item, ext)] as const) };
    case "list":
      return { kind: "list", items: value.items.map((item) => escapeRendered(item, ext)) };
    case "code":
    case "call":
      return value;
  }
}

/**
 * One argument of a call to a class Airflow renders: escaped where it lands when the class
 * templates it, as written otherwise. The only place Jinja escaping is applied.
 */
export function templatedArgument(callee: TemplatedClass, name: string, value: Py, airflowVersion: AirflowOptions["airflowVersion"]): Py {
  const templating = TEMPLATING[callee];
  return templating.fields[airflowVersion].includes(name) ? escapeRendered(value, templating.ext) : value;
}

/** A call whose arguments are each escaped if the class renders them. */
export function templatedCall(callee: TemplatedClass, args: ReadonlyArray<readonly [string, Py]>, airflowVersion: AirflowOptions["airflowVersion"]): Py {
  return call(
    callee,
    args.map(([name, value]) => [name, templatedArgument(callee, name, value, airflowVersion)] as const),
  );
}
