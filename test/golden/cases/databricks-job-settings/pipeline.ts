import { cron, notebook, pipeline, serverless } from "orchc";

// The job settings Databricks engineers set, typed: health with its duration warning (e-mailed
// beside the pipeline's own failure e-mail), webhooks, notification settings, queueing, run_as,
// the job's permissions and the serverless performance target.
const settings = pipeline("job_settings", {
  schedule: cron("0 5 * * *"),
  notify: { onFailure: { email: ["data-eng@example.com"] } },
  compute: { jobs: serverless() },
  defaultCompute: "jobs",
  environments: {
    dev: { notify: null },
    prod: {},
  },
}).databricks({
  health: { rules: [{ metric: "RUN_DURATION_SECONDS", op: "GREATER_THAN", value: 3600 }] },
  email_notifications: { on_duration_warning_threshold_exceeded: ["oncall@example.com"], no_alert_for_skipped_runs: true },
  webhook_notifications: { on_failure: [{ id: "0481e838-0a59-4eff-9541-a4ca6f149574" }] },
  notification_settings: { no_alert_for_canceled_runs: true },
  queue: { enabled: false },
  run_as: { service_principal_name: "6f2c1d4e-5b7a-4c8d-9e0f-1a2b3c4d5e6f" },
  permissions: [
    { level: "CAN_VIEW", group_name: "users" },
    { level: "CAN_MANAGE_RUN", group_name: "data-eng" },
  ],
  performance_target: "STANDARD",
});
settings.task("refresh", notebook("src/refresh.py"));

export default settings;
