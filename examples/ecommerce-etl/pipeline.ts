import { cron, params, pipeline, sh } from "orchc";

// The e-commerce pipeline lab: eight Spark stages, three ingests that may run side by side, and a
// report stage whose failure must not fail the run (the lab's `critical=False`).
const p = params({
  env: { type: "enum", values: ["development", "production"], default: "production", description: "Config the stages load (the lab's --env)" },
  date: { type: "string", default: "", description: "Processing date (YYYY-MM-DD); empty means today (the lab's --date)" },
  sparkMaster: { type: "string", default: "yarn", description: "spark-submit --master" },
});

const ecommerce = pipeline("ecommerce_pipeline", {
  description: "E-Commerce Data Pipeline",
  owner: "data_engineering",
  tags: ["etl", "ecommerce"],
  schedule: cron("0 2 * * *", { timezone: "UTC" }),
  params: p,
  notify: { onFailure: { email: ["alerts@company.com"] } },
  environments: {
    development: { params: { env: "development", sparkMaster: "local[*]" }, paused: true, notify: null },
    production: { default: true },
  },
});

/** One lab stage: its own spark-submit, retried twice five minutes apart (the DAG's default_args). */
const stage = (id: string, script: string) =>
  ecommerce
    .task(id, sh`spark-submit --master ${p.sparkMaster} src/stages/${script} --env ${p.env} --date ${p.date}`)
    .retries(2, { delay: "5m" });

const ingestOrders = stage("ingest_orders", "ingest_orders.py");
const ingestCustomers = stage("ingest_customers", "ingest_customers.py");
const ingestProducts = stage("ingest_products", "ingest_products.py");
const validate = stage("validate_orders", "validate.py").after(ingestOrders);
const transform = stage("transform_orders", "transform.py").after(validate, ingestCustomers, ingestProducts);
const aggregate = stage("aggregate_sales", "aggregate.py").after(transform);
stage("load_warehouse", "load.py").after(aggregate);
stage("generate_reports", "report.py").after(aggregate).optional();

export default ecommerce;
