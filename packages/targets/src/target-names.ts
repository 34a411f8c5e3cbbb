/** Target names, in a module of their own so the CLI can check a name before loading any target. */
export const TARGET_NAMES = ["ir", "airflow", "databricks", "github-actions", "local"] as const;
export type TargetName = (typeof TARGET_NAMES)[number];
