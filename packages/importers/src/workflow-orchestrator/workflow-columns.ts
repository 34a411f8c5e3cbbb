import { WAREHOUSE_SIZES } from "@orchc/dsl";
import * as z from "zod";
import type { ColumnRules } from "../read/check-columns.js";

/** One entry of the Workflow Orchestrator's dependency file (Task_dependency/dependency.py). */
export const TASK_COLUMNS = {
  file_name: { schema: z.string().min(1), expected: "the file's name without its extension (the task is named after it)", required: true },
  format: { schema: z.string().min(1), expected: '"py" for a notebook or "sql" for a SQL file', required: true },
  dependent_on: { schema: z.array(z.string().min(1)), expected: "a list of the file names this task waits for", required: false },
  compute_name: { schema: z.union([z.string(), z.null()]), expected: "a name from cluster_config.json or warehouse_config.json", required: false },
} as const satisfies ColumnRules;

const count = z.number().int().nonnegative();

/** The Clusters API fields orchc's cluster() says itself; any other field is passed through as given. */
export const CLUSTER_COLUMNS = {
  spark_version: { schema: z.string().min(1), expected: 'a Databricks runtime, e.g. "15.4.x-scala2.12"', required: true },
  node_type_id: { schema: z.string().min(1), expected: 'a node type, e.g. "Standard_DS3_v2"', required: true },
  num_workers: { schema: count, expected: "a whole number of workers, 0 or more", required: false },
  autoscale: {
    schema: z.strictObject({ min_workers: count, max_workers: z.number().int().positive() }).refine((range) => range.min_workers <= range.max_workers),
    expected: "{ min_workers, max_workers } with min_workers ≤ max_workers",
    required: false,
  },
  spark_conf: { schema: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), expected: "an object of Spark settings", required: false },
  spark_env_vars: { schema: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), expected: "an object of environment variables", required: false },
} as const satisfies ColumnRules;

/** Fields that mean nothing for a job cluster, which is named by its job and ends with its run. */
export const JOB_CLUSTER_IGNORES: Readonly<Record<string, string>> = {
  cluster_name: "a job cluster is named by its job",
  autotermination_minutes: "a job cluster ends with its run",
};

/** The SQL Warehouses API fields orchc's sqlWarehouse() says itself; others pass through. */
export const WAREHOUSE_COLUMNS = {
  name: { schema: z.string().min(1).max(99), expected: "the warehouse's name in the workspace", required: false },
  cluster_size: { schema: z.enum(WAREHOUSE_SIZES), expected: `one of ${WAREHOUSE_SIZES.join(", ")}`, required: true },
  min_num_clusters: { schema: z.number().int().min(1).max(30), expected: "a whole number from 1 to 30", required: false },
  max_num_clusters: { schema: z.number().int().min(1).max(40), expected: "a whole number from 1 to 40", required: false },
  auto_stop_mins: { schema: z.number().int().refine((minutes) => minutes === 0 || minutes >= 10), expected: "0 (never) or at least 10 minutes", required: false },
  warehouse_type: { schema: z.enum(["PRO", "CLASSIC"]), expected: '"PRO" or "CLASSIC"', required: false },
  enable_serverless_compute: { schema: z.boolean(), expected: "true or false", required: false },
  enable_photon: { schema: z.boolean(), expected: "true or false", required: false },
} as const satisfies ColumnRules;
