import { cron, item, notebook, params, pipeline, python, runPipeline, serverless, type ValueSpec } from "orchc";

// Daily sales, partition by partition: the rates pipeline is started and waited for, a task lists the
// day files, one iteration loads each (four at once), a task counts the rows loaded and the report
// reads the count; an audit pipeline runs when the daily one succeeded. The same flow is declared twice from
// one function: with Python scripts for Airflow, GitHub Actions and the local runner, and with
// notebooks on serverless compute for Databricks, where the audit runs when the table is updated.

type Family = "scripts" | "databricks";

function salesFlows(family: Family) {
  const suffix = family === "databricks" ? "_databricks" : "";
  const targets = family === "databricks" ? { databricks: {} } : { airflow: {}, githubActions: {}, local: {} };
  const compute = family === "databricks" ? { compute: { jobs: serverless() }, defaultCompute: "jobs" as const } : {};
  /** A step of the flow: a notebook on Databricks, the script of the same name elsewhere. */
  const step = (name: string, args: Readonly<Record<string, ValueSpec>>) =>
    family === "databricks" ? notebook(`notebooks/${name}.py`, args) : python(`scripts/${name}.py`, Object.entries(args).flatMap(([key, value]) => [`--${key}`, value]));

  // On Databricks the feed lands in a Unity Catalog volume; elsewhere it is the example's data folder.
  const landing = family === "databricks" ? "/Volumes/main/sales/landing" : "data";
  const rp = params({ data: { type: "string", default: `${landing}/rates.csv`, description: "Exchange rates to EUR, by currency" }, out: { type: "string", default: "build" } });
  const rates = pipeline(`sales_rates${suffix}`, { description: "Refreshes the exchange rates the report converts with.", params: rp, targets, ...compute });
  rates.task("refresh_rates", step("refresh_rates", { data: rp.data, out: rp.out }));

  const p = params({
    data: { type: "string", default: `${landing}/sales`, description: "Folder of the day files (one CSV per partition)" },
    out: { type: "string", default: "build", description: "Where loaded partitions and the report go" },
  });
  const daily = pipeline(`sales_daily${suffix}`, {
    description: "Refreshes the rates, loads each day file of the sales feed, counts the rows and renders the report.",
    schedule: cron("0 6 * * *"),
    maxConcurrentRuns: 1,
    params: p,
    targets,
    ...compute,
  });
  // Started first and waited for: the rates pipeline runs whole inside this run.
  const refreshed = daily.task("refresh_rates", runPipeline(rates, { params: { out: p.out } }));
  const listed = daily.task("list_partitions", step("list_partitions", { data: p.data })).after(refreshed).outputs({ parts: "list" });
  const load = daily
    .task("load_partition", step("load_partition", { data: p.data, out: p.out, partition: item }))
    .forEach(listed.output.parts, { concurrency: 4 })
    .retries(2, { delay: "30s" });
  const counted = daily.task("count_rows", step("count_rows", { out: p.out })).after(load).outputs({ rows: "number" });
  daily.task("render_report", step("render_report", { rows: counted.output.rows, out: p.out }));

  const ap = params({ out: { type: "string", default: "build" } });
  const trigger = family === "databricks" ? { tableUpdate: { tables: ["main.sales.daily_totals"] } } : { after: [daily] };
  const audit = pipeline(`sales_audit${suffix}`, { description: "Checks the report after each successful daily run.", params: ap, trigger, targets, ...compute });
  audit.task("audit_report", step("audit_report", { out: ap.out }));
  // One bundle holds the three jobs (the run_job_task names the rates job by its resource key).
  if (family === "databricks") for (const flow of [daily, rates, audit]) flow.databricks({ bundleName: "partitioned_sales" });
  return [daily, rates, audit] as const;
}

export const [daily, rates, audit] = salesFlows("scripts");
export const [dailyOnDatabricks, ratesOnDatabricks, auditOnDatabricks] = salesFlows("databricks");
