// sparkJar, dbt and the saved forms of sql are typed: each `@ts-expect-error` below fails the type
// test if the line it guards ever stops being an error.
import { concat, dbt, params, pipeline, sparkJar, sql } from "orchc";

const p = params({ catalog: { type: "string", default: "dev" } });
const daily = pipeline("daily", { params: p });
daily.task("a", sparkJar("com.example.Main", { parameters: ["--catalog", p.catalog], libraries: [{ jar: "target/app.jar" }] }));
daily.task("b", dbt(["dbt deps", concat("dbt run --vars 'catalog: ", p.catalog, "'")], { project: "dbt", warehouse: "wh", catalog: "main", schema: "s", source: "workspace" }));
daily.task("c", sql({ savedQuery: "q1" }, { warehouse: "wh", params: { catalog: p.catalog } }));
daily.task("d", sql({ alert: "a1", subscriptions: [{ user: "me@example.com" }, { destination: "d1" }], pauseSubscriptions: false }, { warehouse: "wh" }));
daily.task("e", sql({ dashboard: "d1", customSubject: "Daily", subscriptions: [{ user: "me@example.com" }] }, { warehouse: "wh" }));
// @ts-expect-error an alert takes no parameters
sql({ alert: "a1" }, { warehouse: "wh", params: { x: "1" } });
// @ts-expect-error only a dashboard has an e-mail subject
sql({ alert: "a1", customSubject: "x" }, { warehouse: "wh" });
// @ts-expect-error a subscriber is a user or a destination
sql({ dashboard: "d1", subscriptions: [{ email: "me@example.com" }] }, { warehouse: "wh" });
// @ts-expect-error dbt takes its commands as a list
dbt("dbt run");
// @ts-expect-error a dbt project comes from the workspace or git
dbt(["dbt run"], { source: "dbfs" });
// @ts-expect-error a JAR task names its main class
sparkJar({ libraries: [{ jar: "x.jar" }] });
