import { PROTO_KEY, type Diagnostic } from "@orchc/compiler";
import type { DataDocument } from "../read/data-document.js";
import { checkColumns, parseJsonColumn } from "../read/check-columns.js";
import { problemAt } from "../read/import-diagnostic.js";
import { CONTROL_TABLE_COLUMNS, type ControlTableRow } from "./control-table-columns.js";

const rowLabel = (index: number, name: unknown) => `row ${index + 1}${typeof name === "string" && name !== "" ? ` (\`${name}\`)` : ""}`;

function readRow(document: DataDocument, index: number, record: unknown, diagnostics: Diagnostic[]): ControlTableRow | null {
  const label = rowLabel(index, (record as { notebook_name?: unknown } | null)?.notebook_name);
  const values = checkColumns(document, [index], label, record, CONTROL_TABLE_COLUMNS, diagnostics);
  if (!values) return null;
  const before = diagnostics.length;
  const dependencies = parseJsonColumn(document, [index, "dependencies"], label, values.dependencies, diagnostics);
  const parameters = parseJsonColumn(document, [index, "parameters"], label, values.parameters, diagnostics);
  if (!dependencies.ok || !parameters.ok) return null;
  const names = dependencies.value ?? [];
  if (!Array.isArray(names) || names.some((name) => typeof name !== "string" || name === "")) {
    diagnostics.push(problemAt(document, [index, "dependencies"], "ORC602", `${label}, column \`dependencies\`: expected a list of notebook names; got ${JSON.stringify(names)}`));
  }
  const params = parameters.value ?? {};
  if (typeof params !== "object" || Array.isArray(params)) {
    diagnostics.push(problemAt(document, [index, "parameters"], "ORC602", `${label}, column \`parameters\`: expected an object of parameter names and values; got ${JSON.stringify(params)}`));
  } else {
    for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
      if (name === PROTO_KEY) {
        diagnostics.push(problemAt(document, [index, "parameters"], "ORC607", `${label}, column \`parameters\`: a parameter cannot be named \`${PROTO_KEY}\``, { hint: "JavaScript reads `__proto__` as an object's prototype, so the parameter would be lost; rename it in the notebook and the row" }));
      } else if (!["string", "number", "boolean"].includes(typeof value)) {
        diagnostics.push(problemAt(document, [index, "parameters"], "ORC602", `${label}, column \`parameters\`: parameter \`${name}\` must be text, a number or true/false; got ${JSON.stringify(value)}`, { hint: "a notebook receives its parameters as text" }));
      }
    }
  }
  if (diagnostics.length > before) return null;
  const timeout = values.timeout_per_cell_seconds as number | null | undefined;
  return {
    index,
    name: values.notebook_name as string,
    path: values.notebook_path as string,
    dependencies: names as string[],
    parameters: params as Record<string, string | number | boolean>,
    // dbutils.notebook.run reads a timeout of 0 as none.
    timeoutSeconds: timeout === undefined || timeout === null || timeout === 0 ? null : timeout,
    retries: (values.retry_attempts as number | null | undefined) ?? 0,
    retryIntervalSeconds: (values.interval_between_retry_attempt_seconds as number | null | undefined) ?? 0,
    active: values.active === undefined || values.active === 1 || values.active === true,
    processGroup: String(values.process_group),
  };
}

/** Every row checked on its own; a file that is not a list of rows is one diagnostic. */
export function readControlTable(document: DataDocument): { rows: ControlTableRow[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!Array.isArray(document.value)) {
    return { rows: [], diagnostics: [problemAt(document, [], "ORC602", "a control table is a list of rows (objects with notebook_name, notebook_path, dependencies, …)")] };
  }
  const rows = document.value.flatMap((record, index) => readRow(document, index, record, diagnostics) ?? []);
  return { rows, diagnostics };
}

export { rowLabel };
