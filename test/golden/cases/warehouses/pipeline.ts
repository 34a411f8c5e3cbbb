import { pipeline, sql, sqlWarehouse, warehouse } from "orchc";

// A warehouse the pipeline declares (the bundle creates it; Airflow finds it by name) beside one that exists.
const reports = pipeline("golden_warehouses", {
  compute: {
    reporting: sqlWarehouse({ name: "orchc reporting", size: "2X-Small", minClusters: 1, maxClusters: 2, autoStopMinutes: 10, type: "pro", serverless: true, photon: true, databricks: { spot_instance_policy: "COST_OPTIMIZED", tags: { custom_tags: [{ key: "team", value: "data" }] } } }),
    existing: warehouse("a1b2c3d4e5f6a7b8"),
  },
  environments: {
    dev: { default: true, namePrefix: "[DEV] " },
    prod: { compute: { reporting: sqlWarehouse({ name: "orchc reporting", size: "Small", maxClusters: 4, autoStopMinutes: 0, type: "pro", serverless: true }) } },
  },
});

const daily = reports.task("daily_totals", sql({ file: "src/daily_totals.sql" }, { warehouse: "reporting" }));
reports.task("archive", sql({ file: "src/archive.sql" }, { warehouse: "existing" })).after(daily);

export default reports;
