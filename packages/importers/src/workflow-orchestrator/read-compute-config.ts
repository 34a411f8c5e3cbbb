import type { Diagnostic } from "@orchc/compiler";
import type { ComputeSpec, JsonValue, WarehouseSize } from "@orchc/dsl";
import type { ImportedCompute } from "../model/imported-pipeline.js";
import { checkColumns } from "../read/check-columns.js";
import type { DataDocument } from "../read/data-document.js";
import { problemAt } from "../read/import-diagnostic.js";
import { CLUSTER_COLUMNS, JOB_CLUSTER_IGNORES, WAREHOUSE_COLUMNS } from "./workflow-columns.js";

const asText = (values: Readonly<Record<string, string | number | boolean>>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));

const passThrough = (values: Record<string, unknown>, owned: ReadonlyArray<string>): Record<string, JsonValue> =>
  Object.fromEntries(Object.entries(values).filter(([key]) => !owned.includes(key))) as Record<string, JsonValue>;

/** `{ "name": { settings } }`, the shape of both config files; each entry read by `read`. */
function readConfigMap(document: DataDocument, what: string, read: (name: string, settings: Record<string, unknown>) => ImportedCompute | null, diagnostics: Diagnostic[]): ImportedCompute[] {
  const value = document.value;
  if (value === null || value === undefined) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    diagnostics.push(problemAt(document, [], "ORC602", `a ${what} config is an object of names and their settings: { "name": { … } }`));
    return [];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([name, settings]) => {
    const before = diagnostics.length;
    const checked = checkColumns(document, [name], `${what} \`${name}\``, settings, what === "cluster" ? CLUSTER_COLUMNS : WAREHOUSE_COLUMNS, diagnostics, { othersAllowed: true });
    return checked && diagnostics.length === before ? (read(name, checked) ?? []) : [];
  });
}

/** cluster_config.json: each cluster becomes a job cluster, created for each run. */
export function readClusterConfig(document: DataDocument, diagnostics: Diagnostic[]): ImportedCompute[] {
  return readConfigMap(
    document,
    "cluster",
    (name, settings) => {
      const autoscale = settings.autoscale as { min_workers: number; max_workers: number } | undefined;
      const spec: ComputeSpec = {
        kind: "cluster",
        sparkVersion: settings.spark_version as string,
        nodeType: settings.node_type_id as string,
        ...(autoscale ? { autoscale: { min: autoscale.min_workers, max: autoscale.max_workers } } : { workers: (settings.num_workers as number | undefined) ?? 0 }),
        ...(settings.spark_conf !== undefined && { sparkConf: asText(settings.spark_conf as Record<string, string>) }),
        ...(settings.spark_env_vars !== undefined && { env: asText(settings.spark_env_vars as Record<string, string>) }),
      };
      const others = passThrough(settings, [...Object.keys(CLUSTER_COLUMNS), ...Object.keys(JOB_CLUSTER_IGNORES)]);
      const leftOut = Object.entries(JOB_CLUSTER_IGNORES)
        .filter(([key]) => settings[key] !== undefined)
        .map(([key, reason]) => `Left out: ${key} ${JSON.stringify(settings[key])} (${reason}).`);
      return { name, spec: Object.keys(others).length > 0 ? { ...spec, databricks: others } : spec, leftOut };
    },
    diagnostics,
  );
}

/** warehouse_config.json: each warehouse is declared, and the Databricks bundle creates it. */
export function readWarehouseConfig(document: DataDocument, diagnostics: Diagnostic[]): ImportedCompute[] {
  return readConfigMap(
    document,
    "warehouse",
    (name, settings) => {
      const type = settings.warehouse_type as "PRO" | "CLASSIC" | undefined;
      if (typeof settings.min_num_clusters === "number" && typeof settings.max_num_clusters === "number" && settings.min_num_clusters > settings.max_num_clusters) {
        diagnostics.push(problemAt(document, [name, "min_num_clusters"], "ORC602", `warehouse \`${name}\`: min_num_clusters (${settings.min_num_clusters}) is more than max_num_clusters (${settings.max_num_clusters})`));
        return null;
      }
      if (settings.enable_serverless_compute === true && type === "CLASSIC") {
        diagnostics.push(problemAt(document, [name, "warehouse_type"], "ORC602", `warehouse \`${name}\` is serverless, which needs warehouse_type "PRO"`));
        return null;
      }
      const spec: ComputeSpec = {
        kind: "sqlWarehouse",
        name: (settings.name as string | undefined) ?? name,
        size: settings.cluster_size as WarehouseSize,
        ...(settings.min_num_clusters !== undefined && { minClusters: settings.min_num_clusters as number }),
        ...(settings.max_num_clusters !== undefined && { maxClusters: settings.max_num_clusters as number }),
        ...(settings.auto_stop_mins !== undefined && { autoStopMinutes: settings.auto_stop_mins as number }),
        ...(type !== undefined && { type: type === "PRO" ? "pro" : "classic" }),
        ...(settings.enable_serverless_compute !== undefined && { serverless: settings.enable_serverless_compute as boolean }),
        ...(settings.enable_photon !== undefined && { photon: settings.enable_photon as boolean }),
      };
      const others = passThrough(settings, Object.keys(WAREHOUSE_COLUMNS));
      return { name, spec: Object.keys(others).length > 0 ? { ...spec, databricks: others } : spec, leftOut: [] };
    },
    diagnostics,
  );
}
