import type { TargetName } from "@orchc/targets";

/** Each golden case and the target builds whose output is committed under expected/<build>/. */
export interface GoldenBuild {
  readonly target: TargetName;
  readonly options?: Record<string, unknown>;
  readonly environment?: string;
}

export const GOLDEN_CASES: Record<string, Record<string, GoldenBuild>> = {
  retries: { ir: { target: "ir" }, airflow: { target: "airflow" }, "github-actions": { target: "github-actions" } },
  "trigger-rules": {
    ir: { target: "ir" },
    airflow: { target: "airflow" },
    "airflow-2": { target: "airflow", options: { airflowVersion: 2 } },
    "github-actions": { target: "github-actions" },
  },
  optional: { ir: { target: "ir" }, airflow: { target: "airflow" }, "github-actions": { target: "github-actions" } },
  "params-and-secrets": {
    ir: { target: "ir" },
    airflow: { target: "airflow" },
    "airflow-2": { target: "airflow", options: { airflowVersion: 2 } },
    "github-actions": { target: "github-actions" },
  },
  "groups-and-schedule": { ir: { target: "ir" }, airflow: { target: "airflow" }, "airflow-dev": { target: "airflow", environment: "dev" } },
  "databricks-actions": { ir: { target: "ir" }, airflow: { target: "airflow" } },
  lakehouse: { ir: { target: "ir" }, databricks: { target: "databricks" } },
  warehouses: { databricks: { target: "databricks" } },
  "warehouse-queries": { airflow: { target: "airflow" } },
  // Clusters, warehouses, instance pools and policies by name: lookup variables, overridden per target (issue 18).
  "workspace-lookups": { ir: { target: "ir" }, databricks: { target: "databricks" } },
  // A warehouse by name for a query (sql_endpoint_name), and the ids Airflow needs for the rest.
  "workspace-lookups-airflow": { airflow: { target: "airflow" } },
  // The README's pipeline, which lets GitHub Actions emulate its timeout and drop its e-mail; and what Airflow and Databricks may drop.
  allowances: { ir: { target: "ir" }, "github-actions": { target: "github-actions" }, "github-actions-prod": { target: "github-actions", environment: "prod" } },
  drops: { airflow: { target: "airflow" }, databricks: { target: "databricks" } },
  // A name prefix in a development-mode target, which the CLI's own replaces (ORC333).
  "databricks-dev-mode": { databricks: { target: "databricks" } },
  // Databricks' default-python template: a wheel the bundle builds, on a job cluster and on serverless.
  "python-wheel": { ir: { target: "ir" }, databricks: { target: "databricks" } },
  // Wheels from a volume, which Airflow can run too (it uploads nothing).
  "python-wheel-airflow": { airflow: { target: "airflow" }, databricks: { target: "databricks" } },
  // Pipelines that start pipelines (issue 19): by handle and by id, with params; GitHub Actions calls the other workflow.
  "run-pipeline": { ir: { target: "ir" }, airflow: { target: "airflow" }, "airflow-2": { target: "airflow", options: { airflowVersion: 2 } }, "github-actions": { target: "github-actions" } },
  // Airflow 2 only: Airflow 3 waits for the other DAG's run outside execution_timeout, so a timeout there is refused (ORC154).
  "run-pipeline-databricks": { databricks: { target: "databricks" }, "airflow-2": { target: "airflow", options: { airflowVersion: 2 } } },
  // A JAR task, dbt on serverless and on a cluster, and a saved query, alert and dashboard (issue 18).
  "jar-dbt-sql": { ir: { target: "ir" }, airflow: { target: "airflow" }, databricks: { target: "databricks" } },
  // Databricks' own triggers and bundle settings, typed (.databricks({ trigger, continuous, git_source, bundleUuid }), presets, targetPermissions).
  "databricks-triggers": { databricks: { target: "databricks" } },
  // run.id and run.date: environment variables on Airflow (2 and 3), dynamic value references on Databricks, the run id on GitHub Actions (the local runner runs them for real in conformance).
  "run-values": { ir: { target: "ir" }, airflow: { target: "airflow" }, "airflow-2": { target: "airflow", options: { airflowVersion: 2 } } },
  "run-values-databricks": { databricks: { target: "databricks" }, airflow: { target: "airflow" } },
  "run-values-github": { "github-actions": { target: "github-actions" } },
  // databricksRef and databricksValue in task parameters: written as `${…}` and `{{…}}`, for a pipeline built for Databricks alone.
  "databricks-references": { databricks: { target: "databricks" } },
  // Job settings as typed in .databricks({...}): health, e-mails merged by event with notify's, webhooks, queue, run_as, permissions.
  "databricks-job-settings": { databricks: { target: "databricks" } },
  // Task outputs: written to $ORCHC_OUTPUTS, read through handles (issue 19); XComs, job outputs, task values.
  "task-outputs": { ir: { target: "ir" }, airflow: { target: "airflow" }, "airflow-2": { target: "airflow", options: { airflowVersion: 2 } }, "github-actions": { target: "github-actions" } },
  "task-outputs-databricks": { databricks: { target: "databricks" } },
  // For-each tasks (issue 19): Airflow expand, GitHub matrix, the local runner's iterations; Databricks for_each_task.
  "for-each": { ir: { target: "ir" }, airflow: { target: "airflow" }, "github-actions": { target: "github-actions" } },
  "for-each-databricks": { ir: { target: "ir" }, databricks: { target: "databricks" } },
  // Event triggers (issue 19): pipelines that run after others succeeded (Airflow assets, GitHub workflow_run, with an environment's prefix in the upstream's name).
  "trigger-after": {
    ir: { target: "ir" },
    airflow: { target: "airflow" },
    "airflow-2": { target: "airflow", options: { airflowVersion: 2 } },
    "github-actions": { target: "github-actions" },
    "github-actions-prod": { target: "github-actions", environment: "prod" },
  },
  // Event triggers on storage: file arrival and table update, per environment and paused, on Databricks.
  "trigger-storage": { ir: { target: "ir" }, databricks: { target: "databricks" } },
};
