import type { ActionSpec, LibrarySpec } from "@orchc/dsl";
import type { ActionNode, SavedSqlNode, SqlSubscriptionNode } from "../ir/action-node.js";
import type { LibraryNode } from "../ir/library-node.js";
import { lowerLibrary, lowerValue } from "./lower-values.js";

/**
 * What Databricks' dbt-sql template installs for a dbt task (as a task library on a cluster, as an
 * environment dependency on serverless); the task fails without dbt-databricks.
 */
export const DBT_DATABRICKS_REQUIREMENT = "dbt-databricks>=1.8.0,<2.0.0";

const pinsDbtDatabricks = (library: LibrarySpec): boolean => "pypi" in library && /^dbt-databricks(?![\w.-])/i.test(library.pypi.package.trim());

export function lowerSparkJar(action: Extract<ActionSpec, { kind: "sparkJar" }>): ActionNode {
  return { kind: "sparkJar", mainClass: action.mainClass, parameters: (action.parameters ?? []).map(lowerValue), libraries: (action.libraries ?? []).map(lowerLibrary) };
}

export function lowerDbt(action: Extract<ActionSpec, { kind: "dbt" }>): ActionNode {
  const libraries = action.libraries ?? [];
  const requirement: LibraryNode[] = libraries.some(pinsDbtDatabricks) ? [] : [{ kind: "pypi", package: DBT_DATABRICKS_REQUIREMENT, repo: null }];
  return {
    kind: "dbt",
    commands: action.commands.map(lowerValue),
    project: action.project ?? null,
    profiles: action.profiles ?? null,
    warehouse: action.warehouse ?? null,
    catalog: action.catalog ?? null,
    schema: action.schema ?? null,
    source: action.source ?? "workspace",
    libraries: [...libraries.map(lowerLibrary), ...requirement],
  };
}

const subscription = (entry: { user: string } | { destination: string }): SqlSubscriptionNode =>
  "user" in entry ? { kind: "user", name: entry.user } : { kind: "destination", name: entry.destination };

/** The saved query, alert or dashboard a SQL task runs; null for a file or inline text. */
export function lowerSavedSql(action: Extract<ActionSpec, { kind: "sql" }>): SavedSqlNode | null {
  const subscriptions = (action.subscriptions ?? []).map(subscription);
  const pauseSubscriptions = action.pauseSubscriptions ?? null;
  if (action.savedQuery !== undefined) return { kind: "query", id: action.savedQuery };
  if (action.alert !== undefined) return { kind: "alert", id: action.alert, subscriptions, pauseSubscriptions };
  if (action.dashboard !== undefined) return { kind: "dashboard", id: action.dashboard, subscriptions, customSubject: action.customSubject ?? null, pauseSubscriptions };
  return null;
}
