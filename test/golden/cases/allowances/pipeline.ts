import { cron, params, pipeline, python, secrets, sh } from "orchc";

const p = params({ runDate: { type: "string", default: "" } });
const s = secrets({ warehousePassword: {} });

const nightly = pipeline("nightly", {
  schedule: cron("30 2 * * 1-5", { timezone: "UTC" }),
  timeout: "3h",
  maxConcurrentRuns: 1,
  params: p,
  secrets: s,
  notify: { onFailure: { email: ["data-eng@example.com"] } },
  environments: {
    dev: { namePrefix: "[DEV] ", paused: true, notify: null },
    prod: { timeout: "4h" },
  },
  targets: {
    airflow: {},
    githubActions: { "pipeline.timeout": "emulate", "notify.onFailure": "drop" },
    local: {},
  },
});

const extract = nightly.task("extract", sh`python etl/extract.py --date ${p.runDate}`).retries(2, { delay: "60s" });
const load = nightly.task("load", python("etl/load.py")).after(extract).env({ PASSWORD: s.warehousePassword });
nightly.task("report", sh`python etl/report.py`).after(load).optional();

export default nightly;
