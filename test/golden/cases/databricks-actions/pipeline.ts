import { cluster, existingCluster, lakeflowPipeline, notebook, params, pipeline, serverless, sparkPython, sql, warehouse } from "orchc";

const p = params({ catalog: { type: "string", default: "olist_dev" } });

const lakehouse = pipeline("golden_databricks_actions", {
  params: p,
  compute: {
    jobs: cluster({ sparkVersion: "16.4.x-scala2.12", nodeType: "i3.xlarge", workers: 2, sparkConf: { "spark.sql.shuffle.partitions": "64" }, databricks: { data_security_mode: "SINGLE_USER", custom_tags: { team: "data {{ eng }}" } } }),
    shared: existingCluster("0101-123456-abcdefgh"),
    sqlWarehouse: warehouse("a1b2c3d4e5f6a7b8"),
    compute: serverless(),
  },
});

const generate = lakehouse
  .task("generate_data", notebook("src/utils/data_generator.py", { catalog: p.catalog, literal: "{{job.run_id}}" }))
  .compute("jobs")
  .retries(1, { delay: "60s" });
const main = lakehouse.task("run_main_pipeline", lakeflowPipeline("olist_main_pipeline")).after(generate);
lakehouse.task("full_refresh", lakeflowPipeline("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", { fullRefresh: true })).after(main);
lakehouse.task("score", sparkPython("src/score.py", ["--catalog", p.catalog])).compute("shared").after(generate);
lakehouse.task("report_file", sql({ file: "src/report.sql" }, { warehouse: "sqlWarehouse" })).after(main);
lakehouse.task("report_query", sql({ query: "SELECT count(*) FROM orders WHERE catalog = :catalog" }, { warehouse: "sqlWarehouse", params: { catalog: p.catalog } })).after(main);

export default lakehouse;
