import { cluster, existingCluster, notebook, params, pipeline, sparkPython, sql, warehouse } from "orchc";

// Workspace objects by name, which the bundle looks up at deploy (each target its own name), beside
// ids; and an id that differs by environment, which a task field shared by every target cannot hold.
const p = params({ catalog: { type: "string", default: "dev" } });

const nightly = pipeline("golden_lookups", {
  params: p,
  compute: {
    shared: existingCluster({ name: "Shared Autoscaling Americas" }),
    legacy: existingCluster("0123-456789-legacy0"),
    etl: cluster({ sparkVersion: "15.4.x-scala2.12", instancePool: { name: "Jobs pool" }, policy: { name: "Job Compute" }, autoscale: { min: 1, max: 4 } }),
    bi: warehouse({ name: "Starter Warehouse" }),
  },
  environments: {
    dev: { default: true },
    prod: {
      params: { catalog: "prod" },
      compute: {
        shared: existingCluster({ name: "Shared Production" }),
        legacy: existingCluster("0999-999999-legacy9"),
        etl: cluster({ sparkVersion: "15.4.x-scala2.12", instancePool: { name: "Jobs pool (prod)" }, policy: { id: "ABC123DEF4567890" }, autoscale: { min: 2, max: 8 } }),
      },
    },
  },
});

const ingest = nightly.task("ingest", notebook("src/ingest.py", { catalog: p.catalog })).compute("shared");
const clean = nightly.task("clean", sparkPython("src/clean.py")).compute("etl").after(ingest);
nightly.task("archive", notebook("src/archive.py")).compute("legacy").after(ingest);
nightly.task("report", sql({ file: "src/report.sql" }, { warehouse: "bi" })).after(clean);

export default nightly;
