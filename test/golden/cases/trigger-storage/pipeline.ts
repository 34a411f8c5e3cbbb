import { notebook, pipeline } from "orchc";

// A pipeline that runs when files land (a volume in dev, a bucket in prod, paused in staging),
// and one that runs when either of two tables is updated.
export const landing = pipeline("golden_landing", {
  trigger: { fileArrival: { path: "/Volumes/main/raw/landing/" } },
  environments: {
    dev: { default: true },
    staging: { paused: true },
    prod: { trigger: { fileArrival: { path: "s3://acme-landing/orders/" } } },
  },
});
landing.task("ingest", notebook("src/ingest.py"));

export const refresh = pipeline("golden_refresh", { trigger: { tableUpdate: { tables: ["main.sales.orders", "main.sales.customers"] } } });
refresh.task("refresh", notebook("src/refresh.py"));
