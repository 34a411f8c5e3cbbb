import { cluster, concat, dbt, existingCluster, params, pipeline, serverless, sparkJar, sql, warehouse } from "orchc";

// A JAR's main class on a job cluster, dbt on serverless and on an existing cluster, and a saved
// query, alert and dashboard on a warehouse. The JAR and the dbt projects are named where they were
// put (a volume, the workspace), so Airflow can start the same runs: it uploads nothing.
const p = params({ catalog: { type: "string", default: "dev" } });

const daily = pipeline("golden_jar_dbt_sql", {
  params: p,
  compute: {
    jobs: cluster({ sparkVersion: "16.4.x-scala2.13", nodeType: "i3.xlarge", workers: 2 }),
    shared: existingCluster("0101-123456-abcdefgh"),
    dbt: serverless({ environmentVersion: "4" }),
    wh: warehouse("1234567890abcdef"),
  },
});

const etl = daily
  .task(
    "etl",
    sparkJar("com.example.etl.Main", {
      parameters: ["--catalog", p.catalog],
      libraries: [{ jar: "/Volumes/main/libs/jars/etl-assembly-1.0.jar" }, { maven: { coordinates: "org.jsoup:jsoup:1.7.2" } }],
    }),
  )
  .compute("jobs");
const models = daily
  .task("dbt_run", dbt(["dbt deps", concat("dbt run --vars 'catalog: ", p.catalog, "'")], { project: "/Workspace/Shared/dbt/jaffle_shop", warehouse: "wh", catalog: "main", schema: "analytics" }))
  .compute("dbt")
  .after(etl);
daily
  .task("dbt_test", dbt(["dbt test"], { project: "/Workspace/Shared/dbt/jaffle_shop", profiles: "profiles", libraries: [{ pypi: { package: "dbt-databricks==1.10.4" } }] }))
  .compute("shared")
  .after(models);
daily.task("top_customers", sql({ savedQuery: "4f2e1c3a-1b2c-4d5e-8f90-a1b2c3d4e5f6" }, { warehouse: "wh", params: { catalog: p.catalog } })).after(models);
daily
  .task("revenue_alert", sql({ alert: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", subscriptions: [{ user: "data-eng@example.com" }, { destination: "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f" }], pauseSubscriptions: false }, { warehouse: "wh" }))
  .after(models);
daily.task("revenue_dashboard", sql({ dashboard: "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b", subscriptions: [{ user: "cfo@example.com" }], customSubject: "Revenue, daily", pauseSubscriptions: true }, { warehouse: "wh" })).after(models);

export default daily;
