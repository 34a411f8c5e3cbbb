import { databricksRef, notebook, params, pipeline } from "orchc";

// A Databricks reference is a value only the databricks target can write: Airflow refuses it at the
// environment that sets it (ORC301), with the way out; the databricks target accepts it.
const p = params({ schema: { type: "string", default: "main" } });

export const nightly = pipeline("nightly", {
  params: p,
  targets: { airflow: {}, databricks: {} },
  environments: { dev: { params: { schema: databricksRef("workspace.current_user.short_name") } } },
});
nightly.task("load", notebook("src/load", { schema: p.schema }));
