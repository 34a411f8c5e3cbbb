import { cron, pipeline, sh } from "orchc";

const nightly = pipeline("nightly", {
  description: "Runs at half past two.",
  schedule: cron("30 25 * * *", { timezone: "UTC" }),
});

nightly.task("run", sh`./run.sh`);

export default nightly;
