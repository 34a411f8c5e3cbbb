import { cron, params, pipeline, python, secrets, sh } from "orchc";

const p = params({
  runDate: { type: "string", default: "", description: "Day to process (YYYY-MM-DD); empty means today" },
  region: { type: "enum", values: ["eu", "us"], default: "eu" },
});
const s = secrets({ warehousePassword: { description: "Password of the reporting warehouse" } });

const nightly = pipeline("quickstart_nightly", {
  description: "Extract orders, transform them, load the warehouse, then report.",
  owner: "data-eng",
  tags: ["example"],
  schedule: cron("30 2 * * 1-5", { timezone: "UTC" }),
  timeout: "3h",
  maxConcurrentRuns: 1,
  params: p,
  secrets: s,
  notify: { onFailure: { email: ["data-eng@example.com"] } },
  environments: {
    dev: { namePrefix: "[DEV] ", paused: true, params: { region: "eu" }, notify: null },
    prod: { timeout: "4h" },
  },
});

const extract = nightly
  .task("extract", sh`python etl/extract.py --date ${p.runDate} --region ${p.region}`)
  .retries(2, { delay: "60s", backoff: "exponential", maxDelay: "10m" })
  .timeout("30m");
const transform = nightly.task("transform", python("etl/transform.py", ["--date", p.runDate])).after(extract);
const load = nightly
  .task("load", sh`python etl/load.py`)
  .after(transform)
  .env({ WAREHOUSE_PASSWORD: s.warehousePassword });
nightly.task("report", sh`python etl/report.py`).after(load).optional();
nightly.task("cleanup", sh`rm -rf /tmp/quickstart`).after(load).runIf("allDone");

export default nightly;
