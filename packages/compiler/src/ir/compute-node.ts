import type { WarehouseSize } from "@orchc/dsl";

/** An object of the Databricks workspace, by id or by its name there (which a target must look up, or refuse). */
export interface WorkspaceRef {
  readonly by: "id" | "name";
  readonly value: string;
}

export type ComputeNode =
  | {
      readonly kind: "cluster";
      readonly name: string;
      readonly sparkVersion: string;
      /** Null on a pool's nodes, which take the pool's node type. */
      readonly nodeType: string | null;
      readonly instancePool: WorkspaceRef | null;
      readonly policy: WorkspaceRef | null;
      readonly workers: number | null;
      readonly autoscale: { readonly min: number; readonly max: number } | null;
      readonly sparkConf: ReadonlyArray<readonly [string, string]>;
      readonly env: ReadonlyArray<readonly [string, string]>;
      /** More `new_cluster` fields, JSON, merged last. */
      readonly databricks: Readonly<Record<string, unknown>>;
    }
  | { readonly kind: "existingCluster"; readonly name: string; readonly cluster: WorkspaceRef }
  | { readonly kind: "warehouse"; readonly name: string; readonly warehouse: WorkspaceRef }
  | {
      /** A warehouse the pipeline declares; a Databricks bundle creates it. */
      readonly kind: "sqlWarehouse";
      readonly name: string;
      readonly warehouseName: string;
      readonly size: WarehouseSize;
      readonly minClusters: number | null;
      readonly maxClusters: number | null;
      readonly autoStopMinutes: number | null;
      readonly type: "pro" | "classic" | null;
      readonly serverless: boolean | null;
      readonly photon: boolean | null;
      /** More resource fields, JSON, merged last. */
      readonly databricks: Readonly<Record<string, unknown>>;
    }
  | {
      readonly kind: "serverless";
      readonly name: string;
      readonly dependencies: ReadonlyArray<string>;
      readonly environmentVersion: string | null;
    }
  | { readonly kind: "runner"; readonly name: string; readonly runsOn: ReadonlyArray<string> };

export type ComputeKind = ComputeNode["kind"];
