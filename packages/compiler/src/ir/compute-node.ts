import type { WarehouseSize } from "@orchc/dsl";

export type ComputeNode =
  | {
      readonly kind: "cluster";
      readonly name: string;
      readonly sparkVersion: string;
      readonly nodeType: string;
      readonly workers: number | null;
      readonly autoscale: { readonly min: number; readonly max: number } | null;
      readonly sparkConf: ReadonlyArray<readonly [string, string]>;
      readonly env: ReadonlyArray<readonly [string, string]>;
      /** More `new_cluster` fields, JSON, merged last. */
      readonly databricks: Readonly<Record<string, unknown>>;
    }
  | { readonly kind: "existingCluster"; readonly name: string; readonly id: string }
  | { readonly kind: "warehouse"; readonly name: string; readonly id: string }
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
