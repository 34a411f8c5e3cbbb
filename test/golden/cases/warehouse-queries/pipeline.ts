import { pipeline, sql, sqlWarehouse } from "orchc";

// On Airflow a declared warehouse has no id yet: DatabricksSqlOperator finds it by name.
const queries = pipeline("golden_warehouse_queries", {
  compute: { reporting: sqlWarehouse({ name: "orchc reporting", size: "2X-Small", autoStopMinutes: 10 }) },
});

queries.task("daily_totals", sql({ query: "SELECT count(*) FROM orders" }, { warehouse: "reporting" }));

export default queries;
