import { cron, pipeline, sh } from "orchc";

const reports = pipeline("reports", {
  description: "Every other weekday, as the author meant it; half past two in Berlin in prod.",
  schedule: cron("0 6 * * 1/2", { timezone: "UTC" }),
  environments: {
    prod: { schedule: cron("30 2 * * *", { timezone: "Europe/Berlin" }) },
  },
});

reports.task("run", sh`./run.sh`);

export default reports;
