import type { ComputeSpec } from "./spec.js";

type Compute<K extends ComputeSpec["kind"]> = Extract<ComputeSpec, { kind: K }>;
type Fields<K extends ComputeSpec["kind"]> = Omit<Compute<K>, "kind">;

/** A job cluster created for the run (Databricks `job_clusters`). */
export const cluster = (fields: Fields<"cluster">): Compute<"cluster"> => ({ kind: "cluster", ...fields });
/** A cluster that already exists, by id. */
export const existingCluster = (id: string): Compute<"existingCluster"> => ({ kind: "existingCluster", id });
/** A SQL warehouse, by id. */
export const warehouse = (id: string): Compute<"warehouse"> => ({ kind: "warehouse", id });
/**
 * A SQL warehouse declared here and created by the Databricks bundle on deploy (SQL tasks name it
 * like any warehouse). @example sqlWarehouse({ name: "etl", size: "2X-Small", autoStopMinutes: 10 })
 */
export const sqlWarehouse = (fields: Fields<"sqlWarehouse">): Compute<"sqlWarehouse"> => ({ kind: "sqlWarehouse", ...fields });
/** Serverless compute with optional pip dependencies. */
export const serverless = (fields: Fields<"serverless"> = {}): Compute<"serverless"> => ({ kind: "serverless", ...fields });
/** A CI runner (GitHub Actions `runs-on`). */
export const runner = (runsOn: string | ReadonlyArray<string>): Compute<"runner"> => ({ kind: "runner", runsOn });
