import { cron, notebook, pipeline, sql, sqlWarehouse } from "orchc";

// An environment with a name prefix in a development-mode target: the CLI's `[dev <user>] `
// replaces the prefix there (ORC333), staging keeps its own. A development target also keeps the
// defaults it would change written out: the unpaused schedule and one run at a time.
const nightly = pipeline("golden_dev_mode", {
  name: "Nightly",
  schedule: cron("0 3 * * *", { timezone: "UTC" }),
  maxConcurrentRuns: 1,
  compute: {
    reporting: sqlWarehouse({ name: "reporting", size: "2X-Small", minClusters: 1, maxClusters: 1, autoStopMinutes: 120, photon: true }),
  },
  environments: {
    dev: { default: true, namePrefix: "[DEV] ", overrides: { databricks: { mode: "development" } } },
    staging: { namePrefix: "[STAGING] ", paused: true },
    prod: { overrides: { databricks: { mode: "production" } } },
  },
});

const load = nightly.task("load", notebook("src/load.py"));
nightly.task("report", sql({ file: "src/report.sql" }, { warehouse: "reporting" })).after(load).optional();

export default nightly;
