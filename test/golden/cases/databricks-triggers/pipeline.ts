import { databricksRef, notebook, params, pipeline, sparkPython } from "orchc";

// Databricks' own ways for a job to start (a periodic trigger, as in Databricks' default-python
// template; a table update in prod), continuous running in another pipeline, a Git source, and
// the bundle's uuid, presets and target permissions. A paused environment pauses the trigger.
// dev's schema is the deploying user's short name, as in the template: a Databricks reference.
const p = params({ schema: { type: "string", default: "default" } });
export const sample = pipeline("golden_triggers", {
  params: p,
  environments: {
    dev: {
      default: true,
      params: { schema: databricksRef("workspace.current_user.short_name") },
      overrides: { databricks: { mode: "development", presets: { tags: { team: "data" } } } },
    },
    staging: { paused: true },
    prod: {
      params: { schema: "prod" },
      overrides: {
        databricks: {
          mode: "production",
          trigger: { table_update: { table_names: ["main.sales.orders"], condition: "ANY_UPDATED", wait_after_last_change_seconds: 300 } },
          targetPermissions: [{ level: "CAN_VIEW", group_name: "users" }, { level: "CAN_RUN", service_principal_name: "deployer" }],
        },
      },
    },
  },
}).databricks({
  bundleUuid: "4f8a6b0e-2f1d-4c3e-9a57-0d2b6c8e1f34",
  trigger: { periodic: { interval: 1, unit: "DAYS" } },
  git_source: { git_url: "https://github.com/acme/lakehouse", git_provider: "gitHub", git_branch: "main" },
});

sample.task("refresh", notebook("src/refresh", { schema: p.schema }, { source: "git" }));

export const stream = pipeline("golden_stream").databricks({ continuous: { task_retry_mode: "ON_FAILURE" } });
stream.task("consume", sparkPython("src/consume.py"));
