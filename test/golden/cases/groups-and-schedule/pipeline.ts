import { cron, pipeline, sh } from "orchc";

const scheduled = pipeline("golden_groups_and_schedule", {
  description: "Task groups, a preset schedule in a time zone, paused, timeout, notifications.",
  owner: "data-eng",
  tags: ["golden", "nightly"],
  schedule: cron("@daily", { timezone: "Europe/Paris" }),
  paused: true,
  timeout: "6h",
  maxConcurrentRuns: 2,
  notify: { onSuccess: { email: ["team@example.com"] }, onFailure: { email: ["oncall@example.com", "team@example.com"] } },
  environments: { dev: { namePrefix: "[DEV] ", schedule: cron("0 7 * * 1-5") } },
});

const start = scheduled.task("start", sh`echo start`);
const clean = scheduled.task("clean", sh`./clean.sh`).group("transform").after(start);
const join = scheduled.task("join", sh`./join.sh`).group("transform").after(clean);
scheduled.task("load", sh`./load.sh`).after(join).airflow({ pool: "warehouse", priority_weight: 10 });
scheduled.airflow({ max_active_tasks: 4, startDate: "2025-03-01" });

export default scheduled;
