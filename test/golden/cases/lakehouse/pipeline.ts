import { cluster, existingCluster, lakeflowPipeline, notebook, params, pipeline, secrets, serverless, sparkPython, sql, warehouse } from "orchc";

// Every Databricks feature orchc maps, with environments that change schedule, compute and params.
const p = params({
  catalog: { type: "string", default: "dev", description: "Target catalog" },
  sample: { type: "number", default: 0.1 },
  fullRun: { type: "boolean", default: false },
});
const s = secrets({ apiToken: { scope: "etl", key: "api-token" } });

const lakehouse = pipeline("golden_lakehouse", {
  name: "Golden Lakehouse",
  description: "Notebook, Python, pipeline and SQL tasks on job clusters, an existing cluster and serverless.",
  tags: ["golden", "lakehouse"],
  schedule: { cron: "30 2 * * 1-5", timezone: "Europe/Paris" },
  timeout: "2h",
  maxConcurrentRuns: 1,
  params: p,
  secrets: s,
  notify: { onStart: { email: ["ops@example.com"] }, onFailure: { email: ["oncall@example.com"] } },
  compute: {
    etl: cluster({ sparkVersion: "16.4.x-scala2.12", nodeType: "i3.xlarge", autoscale: { min: 1, max: 4 }, sparkConf: { "spark.sql.shuffle.partitions": "64" }, env: { LOG_LEVEL: "info" } }),
    shared: existingCluster("0101-123456-abcdefgh"),
    python: serverless({ dependencies: ["requests==2.32.3"] }),
    reports: warehouse("a1b2c3d4e5f6a7b8"),
  },
  environments: {
    dev: { default: true, namePrefix: "[dev] ", paused: true, params: { catalog: "dev" }, compute: { etl: cluster({ sparkVersion: "16.4.x-scala2.12", nodeType: "i3.xlarge", workers: 1 }) } },
    prod: { schedule: { cron: "0 1 * * *", timezone: "UTC" }, params: { catalog: "prod", sample: 1 }, overrides: { databricks: { mode: "production" } } },
  },
});

const ingest = lakehouse
  .task("ingest", notebook("src/ingest.py", { catalog: p.catalog, token: s.apiToken, sample: p.sample }))
  .compute("etl")
  .retries(2, { delay: "2m", onTimeout: true })
  .timeout("45m");
const refresh = lakehouse.task("refresh", lakeflowPipeline("lakehouse_pipeline", { fullRefresh: false })).after(ingest);
const score = lakehouse.task("score", sparkPython("src/score.py", ["--catalog", p.catalog, "--full", p.fullRun])).compute("python").after(ingest);
lakehouse.task("audit", notebook("/Shared/audit", {})).compute("shared").after(refresh, score).runIf("allDone");
lakehouse.task("report", sql({ file: "src/report.sql" }, { warehouse: "reports", params: { catalog: p.catalog } })).after(refresh).optional();
lakehouse.task("alert", notebook("src/alert.py")).after(refresh, score).runIf("atLeastOneFailed");

export default lakehouse;
