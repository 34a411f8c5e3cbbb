import { cron, pipeline, sh } from "orchc";

// What every target refuses of a trigger, at its line: a pipeline the build does not declare (with
// did-you-mean), pipelines that run after each other, a trigger beside a schedule (in an environment
// too) or beside Databricks' own trigger, and a path or table no engine can watch.
export const nightly = pipeline("nightly", { schedule: cron("0 2 * * *") });
nightly.task("load", sh`./load.sh`);

export const report = pipeline("report", { trigger: { after: ["nigthly"] } });
report.task("build", sh`./build.sh`);

export const ping = pipeline("ping", { trigger: { after: ["pong"] } });
export const pong = pipeline("pong", { trigger: { after: [ping] } });
ping.task("a", sh`true`);
pong.task("b", sh`true`);

export const both = pipeline("both", {
  schedule: cron("0 3 * * *"),
  trigger: { after: [nightly] },
});
both.task("c", sh`true`);

export const staged = pipeline("staged", {
  schedule: cron("0 4 * * *"),
  environments: { prod: { trigger: { fileArrival: { path: "s3://landing/orders/" } } }, dev: { schedule: null, trigger: { after: [nightly] } } },
});
staged.task("d", sh`true`);

export const doubled = pipeline("doubled", { trigger: { tableUpdate: { tables: ["main.sales.orders"] } } }).databricks({ trigger: { periodic: { interval: 1, unit: "DAYS" } } });
doubled.task("e", sh`true`);

export const watched = pipeline("watched", { trigger: { fileArrival: { path: "landing/orders" } } });
watched.task("f", sh`true`);

export const tables = pipeline("tables", { trigger: { tableUpdate: { tables: ["sales.orders", "main.sales.${var.x}"] } } });
tables.task("g", sh`true`);
