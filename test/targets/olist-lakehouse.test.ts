// The Olist Lakehouse seed's tables, asserted on the committed bundle the example generates.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const example = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples", "olist-lakehouse");
const read = (file: string) => parse(readFileSync(join(example, file), "utf8"));
const bundle = read("databricks.yml");
const daily = read("resources/olist_daily_job.job.yml").resources.jobs.olist_daily_job;
const weekly = read("resources/olist_weekly_refresh_job.job.yml").resources.jobs.olist_weekly_refresh_job;
const target = (name: string, job: string) => ({ ...(job === "daily" ? daily : weekly), ...bundle.targets[name].resources.jobs[job === "daily" ? "olist_daily_job" : "olist_weekly_refresh_job"] });

describe("the Olist Lakehouse bundle says what the seed's tables say", () => {
  it("daily job: 06:00 UTC, 3 h, one run at a time, generate_data retried once after 60 s, pipelines fanning out", () => {
    const prod = target("prod", "daily");
    // Unpaused and one run at a time are Databricks' defaults, so the bundle leaves both out.
    expect(prod.schedule).toEqual({ quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC" });
    expect(target("dev", "daily").timeout_seconds).toBe(10_800);
    expect(daily).not.toHaveProperty("max_concurrent_runs");
    const [generate, main, cdc] = daily.tasks;
    expect(generate).toMatchObject({ task_key: "generate_data", max_retries: 1, min_retry_interval_millis: 60_000 });
    expect(generate).not.toHaveProperty("retry_on_timeout");
    expect(generate.notebook_task).toEqual({ notebook_path: "../src/utils/data_generator.py", base_parameters: { catalog: "{{job.parameters.catalog}}" } });
    for (const [task, pipeline] of [[main, "olist_main_pipeline"], [cdc, "olist_cdc_pipeline"]] as const) {
      expect(task.depends_on).toEqual([{ task_key: "generate_data" }]);
      expect(task.pipeline_task).toEqual({ pipeline_id: `\${resources.pipelines.${pipeline}.id}` });
    }
  });

  it("weekly full refresh: Sundays 02:00 UTC, paused, 6 h, full refresh of both pipelines", () => {
    expect(target("dev", "weekly").schedule).toEqual({ quartz_cron_expression: "0 0 2 ? * SUN", timezone_id: "UTC", pause_status: "PAUSED" });
    expect(target("staging", "weekly").schedule.pause_status).toBe("PAUSED");
    expect(weekly.timeout_seconds).toBe(21_600);
    expect(weekly.tasks.map((task: { pipeline_task: unknown }) => task.pipeline_task)).toEqual([
      { pipeline_id: "${resources.pipelines.olist_main_pipeline.id}", full_refresh: true },
      { pipeline_id: "${resources.pipelines.olist_cdc_pipeline.id}", full_refresh: true },
    ]);
  });

  it("environments: dev prefixed and paused with no emails, staging at 07:00, prod 4 h with failure emails and the weekly job enabled", () => {
    const dev = target("dev", "daily");
    expect(dev.name).toBe("[DEV] Olist Lakehouse - Daily Orchestration");
    expect(dev.schedule.pause_status).toBe("PAUSED");
    expect(dev.email_notifications).toBeUndefined();
    expect(bundle.targets.dev).toMatchObject({ default: true, variables: { catalog: "olist_dev" } });
    const staging = target("staging", "daily");
    expect(staging.name).toBe("[STAGING] Olist Lakehouse - Daily Orchestration");
    expect(staging.schedule.quartz_cron_expression).toBe("0 0 7 * * ?");
    expect(staging.email_notifications).toEqual({ on_failure: ["data-engineering@example.com"] });
    expect(bundle.targets.staging.variables).toEqual({ catalog: "olist_staging" });
    const prod = target("prod", "daily");
    expect(prod.name).toBe("Olist Lakehouse - Daily Orchestration");
    expect(prod.timeout_seconds).toBe(14_400);
    expect(prod.email_notifications).toEqual({ on_failure: ["data-engineering@example.com"] });
    expect(bundle.targets.prod).toMatchObject({ mode: "production", variables: { catalog: "olist" } });
    expect(bundle.targets.prod.workspace.root_path).toContain("${bundle.target}");
    expect(target("prod", "weekly").schedule).not.toHaveProperty("pause_status");
    expect(bundle.bundle.name).toBe("olist_lakehouse");
    expect(bundle.variables.catalog.default).toBe("olist_dev");
  });
});
