import { concat, dbt, params, pipeline, sql, warehouse } from "orchc";

// Mistakes in dbt and SQL tasks that every target refuses, at their line: a dbt command that is
// not a dbt command (or could be anything, a param first), a profiles folder beside a warehouse,
// a schema without one, a dbt warehouse that is not declared, and a SQL task given two sources.
const p = params({ command: { type: "string", default: "dbt run" } });

const nightly = pipeline("nightly", {
  params: p,
  compute: { wh: warehouse("1234567890abcdef") },
});

nightly.task("models", dbt(["dbt deps", "python build.py", concat(p.command, " --select x")], { warehouse: "wh", profiles: "profiles" }));
nightly.task("snapshots", dbt(["dbt snapshot"], { schema: "analytics", warehouse: "whh" }));
nightly.task("seeds", dbt(["dbt seed"], { catalog: "main" }));
// @ts-expect-error a SQL task runs one thing
nightly.task("report", sql({ savedQuery: "4f2e1c3a", alert: "9a8b7c6d" }, { warehouse: "wh" }));

export default nightly;
