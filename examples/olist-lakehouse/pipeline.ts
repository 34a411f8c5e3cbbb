import { cron, lakeflowPipeline, notebook, params, pipeline } from "orchc";

// The Olist Lakehouse jobs (Lakeflow Jobs on Databricks): a daily run that generates data and
// refreshes the main and CDC pipelines in parallel, and a weekly full refresh, paused until prod.
const p = params({
  catalog: { type: "string", default: "olist_dev", description: "Unity Catalog catalog the pipelines write to" },
});

const failureEmails = { onFailure: { email: ["data-engineering@example.com"] } };

export const daily = pipeline("olist_daily_job", {
  name: "Olist Lakehouse - Daily Orchestration",
  description: "Generates synthetic CDC and transactional data, then runs the main ETL and the CDC pipelines.",
  schedule: cron("0 6 * * *", { timezone: "UTC" }),
  timeout: "3h",
  maxConcurrentRuns: 1,
  params: p,
  notify: failureEmails,
  environments: {
    dev: { default: true, namePrefix: "[DEV] ", paused: true, params: { catalog: "olist_dev" }, notify: null },
    staging: { namePrefix: "[STAGING] ", schedule: cron("0 7 * * *", { timezone: "UTC" }), params: { catalog: "olist_staging" } },
    prod: { timeout: "4h", params: { catalog: "olist" }, overrides: { databricks: { mode: "production" } } },
  },
});

const generate = daily
  .task("generate_data", notebook("src/utils/data_generator.py", { catalog: p.catalog }))
  .retries(1, { delay: "60s", onTimeout: false });
daily.task("run_main_pipeline", lakeflowPipeline("olist_main_pipeline")).after(generate);
daily.task("run_cdc_pipeline", lakeflowPipeline("olist_cdc_pipeline")).after(generate);
daily.databricks({ bundleName: "olist_lakehouse" });

export const weekly = pipeline("olist_weekly_refresh_job", {
  name: "Olist Lakehouse - Weekly Full Refresh",
  description: "Full refresh of every pipeline table: recovery from corruption, schema changes, test resets.",
  schedule: cron("0 2 * * SUN", { timezone: "UTC" }),
  paused: true,
  timeout: "6h",
  maxConcurrentRuns: 1,
  params: p,
  notify: failureEmails,
  environments: {
    dev: { default: true, namePrefix: "[DEV] ", params: { catalog: "olist_dev" }, notify: null },
    staging: { namePrefix: "[STAGING] ", params: { catalog: "olist_staging" } },
    prod: { paused: false, params: { catalog: "olist" }, overrides: { databricks: { mode: "production" } } },
  },
});

weekly.task("full_refresh_main", lakeflowPipeline("olist_main_pipeline", { fullRefresh: true }));
weekly.task("full_refresh_cdc", lakeflowPipeline("olist_cdc_pipeline", { fullRefresh: true }));
