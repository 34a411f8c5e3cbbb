import type { ComputeNode, PipelineNode } from "@orchc/compiler";
import { asGiven, type BundleMap } from "./bundle-value.js";
import { splitByEnvironment } from "./split-by-environment.js";

type SqlWarehouse = Extract<ComputeNode, { kind: "sqlWarehouse" }>;

/** The bundle resource key of a warehouse a pipeline declares: one per pipeline, so two pipelines never share a resource. */
export const sqlWarehouseKey = (pipeline: PipelineNode, compute: { readonly name: string }): string => `${pipeline.id}_${compute.name}`;

const usedByTasks = (pipeline: PipelineNode, name: string): boolean => pipeline.tasks.some((task) => (task.action.kind === "sql" || task.action.kind === "dbt") && task.action.warehouse === name);

/**
 * Databricks' defaults, left out: one cluster at least (the SQL Warehouses API), and what the CLI
 * fills in (`resource_mutator.go`: at most one cluster, stopped after 120 idle minutes, Photon).
 * No target mode changes them.
 */
const DEFAULTS = { minClusters: 1, maxClusters: 1, autoStopMinutes: 120, photon: true } as const;

const unlessDefault = <K extends keyof typeof DEFAULTS>(compute: SqlWarehouse, key: K): SqlWarehouse[K] | null => (compute[key] === DEFAULTS[key] ? null : compute[key]);

/** A `resources.sql_warehouses` entry; the environment's name prefix keeps each target's warehouse name its own. */
function warehouseResource(compute: SqlWarehouse, namePrefix: string): BundleMap {
  const minClusters = unlessDefault(compute, "minClusters");
  const maxClusters = unlessDefault(compute, "maxClusters");
  const autoStopMinutes = unlessDefault(compute, "autoStopMinutes");
  const photon = unlessDefault(compute, "photon");
  return {
    name: `${namePrefix}${compute.warehouseName}`,
    cluster_size: compute.size,
    ...(minClusters !== null && { min_num_clusters: minClusters }),
    ...(maxClusters !== null && { max_num_clusters: maxClusters }),
    ...(autoStopMinutes !== null && { auto_stop_mins: autoStopMinutes }),
    ...(compute.type !== null && { warehouse_type: compute.type.toUpperCase() }),
    ...(compute.serverless !== null && { enable_serverless_compute: compute.serverless }),
    ...(photon !== null && { enable_photon: photon }),
    ...asGiven(compute.databricks),
  };
}

function resourcesFor(pipeline: PipelineNode, compute: ReadonlyArray<ComputeNode>, namePrefix: string): BundleMap {
  const warehouses = compute.filter((node): node is SqlWarehouse => node.kind === "sqlWarehouse" && usedByTasks(pipeline, node.name));
  return Object.fromEntries(warehouses.map((node) => [sqlWarehouseKey(pipeline, node), warehouseResource(node, namePrefix)]));
}

/**
 * The warehouses a pipeline's SQL tasks use: each written once when every environment agrees on
 * it, else whole in every target, as the job's own fields are.
 */
export function sqlWarehouseResources(pipeline: PipelineNode, baseNamePrefix: string): { shared: BundleMap; perTarget: Map<string, BundleMap> } {
  if (pipeline.environments.length === 0) return { shared: resourcesFor(pipeline, pipeline.compute, baseNamePrefix), perTarget: new Map() };
  return splitByEnvironment(new Map(pipeline.environments.map((environment) => [environment.name, resourcesFor(pipeline, environment.compute, environment.namePrefix)])));
}
