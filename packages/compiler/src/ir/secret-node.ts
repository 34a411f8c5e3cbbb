export interface SecretNode {
  readonly name: string;
  /** Environment variable that carries the value at run time. */
  readonly env: string;
  /** Databricks secret scope (null: none declared). */
  readonly scope: string | null;
  readonly key: string;
  readonly description: string | null;
}
