import type { ComputeSpec, WorkspaceObjectSpec } from "./spec.js";

type Compute<K extends ComputeSpec["kind"]> = Extract<ComputeSpec, { kind: K }>;
// Distributed over a kind's alternatives (a cluster's node type or instance pool), which a plain Omit would merge away.
type Fields<K extends ComputeSpec["kind"]> = Compute<K> extends infer C ? (C extends unknown ? Omit<C, "kind"> : never) : never;

/**
 * A job cluster created for the run (Databricks `job_clusters`): nodes of `nodeType`, or from an
 * `instancePool` (by id or name), optionally under a cluster `policy` (by id or name).
 *
 * @example
 * ```ts
 * cluster({ sparkVersion: "15.4.x-scala2.12", instancePool: { name: "Jobs pool" }, workers: 2 })
 * ```
 */
export const cluster = (fields: Fields<"cluster">): Compute<"cluster"> => ({ kind: "cluster", ...fields });
/**
 * A cluster that already exists: by id, or by its name in the workspace, which the Databricks bundle
 * looks up at deploy.
 *
 * @example
 * ```ts
 * existingCluster("0123-456789-abcdefgh")
 * ```
 *
 * @example
 * ```ts
 * existingCluster({ name: "Shared Autoscaling Americas" })
 * ```
 */
export const existingCluster = (cluster: string | WorkspaceObjectSpec): Compute<"existingCluster"> => ({ kind: "existingCluster", ...(typeof cluster === "string" ? { id: cluster } : cluster) });
/**
 * A SQL warehouse that already exists: by id, or by its name in the workspace.
 *
 * @example
 * ```ts
 * warehouse({ name: "Starter Warehouse" })
 * ```
 */
export const warehouse = (warehouse: string | WorkspaceObjectSpec): Compute<"warehouse"> => ({ kind: "warehouse", ...(typeof warehouse === "string" ? { id: warehouse } : warehouse) });
/**
 * A SQL warehouse declared here and created by the Databricks bundle on deploy (SQL tasks name it
 * like any warehouse).
 *
 * @example
 * ```ts
 * sqlWarehouse({ name: "etl", size: "2X-Small", autoStopMinutes: 10 })
 * ```
 */
export const sqlWarehouse = (fields: Fields<"sqlWarehouse">): Compute<"sqlWarehouse"> => ({ kind: "sqlWarehouse", ...fields });
/**
 * Databricks serverless compute, with the pip dependencies (and environment version) of its
 * environment for Python file and wheel tasks; notebooks, pipelines and SQL need no key.
 *
 * @example
 * ```ts
 * serverless({ dependencies: ["requests==2.32.3"], environmentVersion: "2" })
 * ```
 */
export const serverless = (fields: Fields<"serverless"> = {}): Compute<"serverless"> => ({ kind: "serverless", ...fields });
/**
 * A CI runner: GitHub Actions `runs-on` (a label, or labels for a self-hosted runner); Airflow and
 * Databricks ignore it.
 *
 * @example
 * ```ts
 * runner(["self-hosted", "linux"])
 * ```
 */
export const runner = (runsOn: string | ReadonlyArray<string>): Compute<"runner"> => ({ kind: "runner", runsOn });
