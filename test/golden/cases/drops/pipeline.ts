import { notebook, pipeline, serverless } from "orchc";

// Airflow has no start callback and Databricks one fixed retry interval: this pipeline lets them drop those.
const drops = pipeline("drops", {
  compute: { sl: serverless() },
  notify: { onStart: { email: ["start@example.com"] }, onFailure: { email: ["oncall@example.com"] } },
  targets: {
    airflow: { "notify.onStart": "drop" },
    databricks: { "retry.exponentialBackoff": "drop", "retry.maxDelay": "drop" },
  },
});
drops.task("refresh", notebook("src/refresh.py")).compute("sl").retries(3, { delay: "30s", backoff: "exponential", maxDelay: "5m" });

export default drops;
