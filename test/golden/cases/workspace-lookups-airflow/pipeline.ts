import { cluster, existingCluster, notebook, pipeline, sql, warehouse } from "orchc";

// What Airflow can say of workspace objects: a warehouse by name for a query (sql_endpoint_name),
// and ids for an existing cluster, an instance pool and a cluster policy.
const daily = pipeline("golden_lookups_airflow", {
  compute: {
    bi: warehouse({ name: "Starter Warehouse" }),
    shared: existingCluster({ id: "0123-456789-shared0" }),
    pooled: cluster({ sparkVersion: "15.4.x-scala2.12", instancePool: { id: "0101-010101-pool01" }, policy: { id: "ABC123DEF4567890" }, workers: 2 }),
  },
});

const totals = daily.task("totals", sql({ query: "SELECT count(*) FROM orders" }, { warehouse: "bi" }));
daily.task("refresh", notebook("src/refresh.py")).compute("shared").after(totals);
daily.task("rebuild", notebook("src/rebuild.py")).compute("pooled").after(totals);

export default daily;
