import type { ComputeSpec, WorkspaceObjectSpec } from "@orchc/dsl";
import type { ComputeNode, WorkspaceRef } from "../ir/compute-node.js";

const workspaceRef = (object: WorkspaceObjectSpec): WorkspaceRef => (object.name !== undefined ? { by: "name", value: object.name } : { by: "id", value: object.id });

export function lowerCompute(name: string, compute: ComputeSpec): ComputeNode {
  switch (compute.kind) {
    case "cluster":
      return {
        kind: "cluster",
        name,
        sparkVersion: compute.sparkVersion,
        nodeType: compute.nodeType ?? null,
        instancePool: compute.instancePool === undefined ? null : workspaceRef(compute.instancePool),
        policy: compute.policy === undefined ? null : workspaceRef(compute.policy),
        workers: compute.workers ?? null,
        autoscale: compute.autoscale ?? null,
        sparkConf: Object.entries(compute.sparkConf ?? {}),
        env: Object.entries(compute.env ?? {}),
        databricks: compute.databricks ?? {},
      };
    case "existingCluster":
      return { kind: "existingCluster", name, cluster: workspaceRef(compute) };
    case "warehouse":
      return { kind: "warehouse", name, warehouse: workspaceRef(compute) };
    case "sqlWarehouse":
      return {
        kind: "sqlWarehouse",
        name,
        warehouseName: compute.name,
        size: compute.size,
        minClusters: compute.minClusters ?? null,
        maxClusters: compute.maxClusters ?? null,
        autoStopMinutes: compute.autoStopMinutes ?? null,
        type: compute.type ?? null,
        serverless: compute.serverless ?? null,
        photon: compute.photon ?? null,
        databricks: compute.databricks ?? {},
      };
    case "serverless":
      return { kind: "serverless", name, dependencies: compute.dependencies ?? [], environmentVersion: compute.environmentVersion ?? null };
    case "runner":
      return { kind: "runner", name, runsOn: typeof compute.runsOn === "string" ? [compute.runsOn] : compute.runsOn };
  }
}
