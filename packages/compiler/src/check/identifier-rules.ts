/**
 * The one id form every target accepts, so switching targets never renames anything: Airflow
 * dag/task ids, Databricks task keys and resource keys, GitHub job ids. Letters, digits, `_` and
 * `-`, starting with a letter or `_`, at most 100 characters (Databricks' task_key limit).
 */
export const PORTABLE_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export const MAX_ID_LENGTH = 100;

/** A suggestion close to what the user wrote that satisfies PORTABLE_ID. */
export function portableIdFor(name: string): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_+|_+$/g, "");
  const started = /^[A-Za-z_]/.test(cleaned) ? cleaned : `t_${cleaned}`;
  return started.slice(0, MAX_ID_LENGTH);
}

/** Params, secrets and environment variables become shell variables, Jinja names and workflow inputs. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function identifierProblem(id: string): string | null {
  if (id.length === 0) return "is empty";
  if (id.length > MAX_ID_LENGTH) return `is ${id.length} characters long; the limit is ${MAX_ID_LENGTH}`;
  if (!PORTABLE_ID.test(id)) return "may only hold letters, digits, `_` and `-`, and must start with a letter or `_`";
  return null;
}
