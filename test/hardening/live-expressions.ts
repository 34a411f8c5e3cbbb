// Readers of the expression languages orchc's outputs are evaluated in, written after each engine's
// own lexing rules, so a test can list what an engine would evaluate in a file. Expressions made of
// string literals only (`${{ '${{' }}`, `{{ '{{' }}`) are the escapes themselves and are left out.

/** Scans from `start` (just past an opener) to `close`, skipping quoted strings; the index of `close`, or -1. */
function endOf(text: string, start: number, close: string, quotes: string): number {
  let index = start;
  while (index < text.length) {
    const char = text[index]!;
    if (quotes.includes(char)) {
      index++;
      while (index < text.length) {
        if (text[index] === "\\" && quotes !== "'") index += 2;
        else if (text[index] === char && text[index + 1] === char && quotes === "'") index += 2;
        else if (text[index] === char) break;
        else index++;
      }
      index++;
      continue;
    }
    if (text.startsWith(close, index)) return index;
    index++;
  }
  return -1;
}

/**
 * The fields Airflow renders with Jinja, per class the Airflow target writes (each class's
 * `template_fields` in Airflow 3.3 and its providers; the conformance suite checks this list
 * against the installed classes). Text anywhere else in a DAG file is never rendered.
 */
export const AIRFLOW_TEMPLATE_FIELDS: Readonly<Record<string, ReadonlyArray<string>>> = {
  BashOperator: ["bash_command", "env", "cwd"],
  DatabricksSubmitRunOperator: ["json", "tasks", "spark_jar_task", "notebook_task", "spark_python_task", "spark_submit_task", "pipeline_task", "dbt_task", "new_cluster", "existing_cluster_id", "libraries", "environments", "run_name", "timeout_seconds", "idempotency_token", "access_control_list", "git_source", "performance_target", "databricks_conn_id"],
  DatabricksSqlOperator: ["_gcs_impersonation_chain", "catalog", "parameters", "database", "_output_path", "sql", "schema", "query_tags", "hook_params", "databricks_conn_id", "conn_id", "http_headers"],
  SmtpNotifier: ["from_email", "to", "subject", "html_content", "files", "cc", "bcc", "mime_subtype", "mime_charset", "custom_headers", "smtp_conn_id"],
};

const onlyStringLiterals = (body: string, quotes: RegExp) => body.replace(quotes, "").trim() === "";

/** GitHub's `${{ … }}` expressions: strings are single-quoted, `''` escapes a quote. */
export function githubExpressions(text: string): string[] {
  const found: string[] = [];
  let index = text.indexOf("${{");
  while (index !== -1) {
    const end = endOf(text, index + 3, "}}", "'");
    if (end === -1) {
      found.push(`UNCLOSED ${text.slice(index, index + 40)}`);
      break;
    }
    const body = text.slice(index + 3, end).trim();
    if (!onlyStringLiterals(body, /'(?:[^']|'')*'/g)) found.push(body);
    index = text.indexOf("${{", end + 2);
  }
  return found;
}

/** Jinja's `{{ … }}`, `{% … %}` and `{# … #}` with Airflow's default delimiters; `{% raw %}` blocks are text. */
export function jinjaConstructs(text: string): string[] {
  const found: string[] = [];
  const opener = /\{\{|\{%|\{#/g;
  let match: RegExpExecArray | null;
  while ((match = opener.exec(text)) !== null) {
    const kind = match[0];
    const close = kind === "{{" ? "}}" : kind === "{%" ? "%}" : "#}";
    const end = kind === "{#" ? text.indexOf("#}", match.index + 2) : endOf(text, match.index + 2, close, "'\"");
    if (end === -1) {
      found.push(`UNCLOSED ${text.slice(match.index, match.index + 40)}`);
      break;
    }
    const body = text.slice(match.index + 2, end).replace(/^-|-$/g, "").trim();
    opener.lastIndex = end + 2;
    if (kind === "{%" && /^raw$/.test(body)) {
      const endRaw = /\{%-?\s*endraw\s*-?%\}/g;
      endRaw.lastIndex = opener.lastIndex;
      const closing = endRaw.exec(text);
      if (closing === null) {
        found.push("UNCLOSED raw");
        break;
      }
      opener.lastIndex = closing.index + closing[0].length;
      continue;
    }
    if (kind === "{{" && onlyStringLiterals(body, /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g)) continue;
    found.push(`${kind} ${body}`);
  }
  return found;
}

// databricks/cli libs/dyn/dynvar/ref.go (at 7bbe285): no escape exists, so `$${x}` holds a live `${x}`.
const SEGMENT = "\\p{L}+(?:[-_]*[\\p{L}\\p{N}]+)*";
const BUNDLE_REFERENCE = new RegExp(`\\$\\{(${SEGMENT}(?:\\.${SEGMENT}(?:\\[[0-9]+\\])*)*(?:\\[[0-9]+\\])*)\\}`, "gu");
/** Where Databricks reads `{{…}}`: "fields that pass context into tasks" (jobs/dynamic-value-references). */
const DYNAMIC_VALUE_FIELDS = /parameters$|^condition_task$|^inputs$/;

/**
 * What a Databricks bundle (already parsed from YAML) evaluates: `${…}` references in any string, as
 * the CLI's dynvar pattern matches them; and job
 * dynamic value references `{{…}}` in the fields that take them.
 */
export function liveDatabricksReferences(document: unknown, inDynamicField = false): string[] {
  if (typeof document === "string") {
    const found = [...document.matchAll(BUNDLE_REFERENCE)].map((match) => `\${${match[1]}}`);
    if (inDynamicField) found.push(...[...document.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => `{{${match[1]}}}`));
    return found;
  }
  if (document === null || typeof document !== "object") return [];
  return Object.entries(document).flatMap(([key, value]) => liveDatabricksReferences(value, inDynamicField || DYNAMIC_VALUE_FIELDS.test(key)));
}
