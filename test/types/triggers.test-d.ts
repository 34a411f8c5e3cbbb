// A trigger is one of three shapes, and `after` names pipelines by handle or id: each
// `@ts-expect-error` below fails the type test if the line it guards ever stops being an error.
import { cron, definePipeline, pipeline, sh } from "orchc";

const nightly = pipeline("nightly", { schedule: cron("0 2 * * *") });
const load = nightly.task("load", sh`./load.sh`);

pipeline("report", { trigger: { after: [nightly] } });
pipeline("audit", { trigger: { after: [nightly, "report"] }, environments: { dev: { trigger: null }, prod: { trigger: { after: ["report"] } } } });
pipeline("landing", { trigger: { fileArrival: { path: "s3://landing/orders/" } } });
pipeline("orders", { trigger: { tableUpdate: { tables: ["main.sales.orders"] } } });
definePipeline({ id: "plain", trigger: { after: ["nightly"] }, tasks: [] });

// @ts-expect-error one trigger at a time: after, fileArrival or tableUpdate
pipeline("two", { trigger: { after: [nightly], fileArrival: { path: "s3://landing/" } } });
// @ts-expect-error a pipeline runs after pipelines, not after a task
pipeline("task", { trigger: { after: [load] } });
// @ts-expect-error a file arrival trigger watches a path
pipeline("nopath", { trigger: { fileArrival: {} } });
// @ts-expect-error tables are listed by name
pipeline("onetable", { trigger: { tableUpdate: { tables: "main.sales.orders" } } });
// @ts-expect-error an unknown kind of trigger
pipeline("cronish", { trigger: { every: "1h" } });
// @ts-expect-error the plain-object form names pipelines by id only
definePipeline({ id: "plain2", trigger: { after: [nightly] }, tasks: [] });
