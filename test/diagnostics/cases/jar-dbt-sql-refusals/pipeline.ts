import { cluster, dbt, pipeline, serverless, sparkJar, sql, sqlWarehouse } from "orchc";

// What each target refuses of JAR, dbt and saved SQL tasks, and where: a JAR on serverless (a
// preview orchc does not write), a JAR task without compute, a Maven library in a serverless dbt
// environment; on Airflow a JAR in the project, a dbt project in the project or in git, and a saved
// query on a warehouse the pipeline declares; on GitHub Actions all of them; on local the tasks
// without `.local({ command })` (the last one has one and passes).
const nightly = pipeline("nightly", {
  targets: { databricks: {}, airflow: {}, githubActions: {}, local: {} },
  compute: {
    jobs: cluster({ sparkVersion: "16.4.x-scala2.13", nodeType: "i3.xlarge" }),
    python: serverless(),
    reporting: sqlWarehouse({ name: "reporting", size: "Small" }),
  },
});

nightly.task("etl", sparkJar("com.example.Main", { libraries: [{ jar: "target/app.jar" }] })).compute("python");
nightly.task("score", sparkJar("com.example.Score"));
nightly.task("models", dbt(["dbt run"], { libraries: [{ maven: { coordinates: "org.jsoup:jsoup:1.7.2" } }] })).compute("python");
nightly.task("seeds", dbt(["dbt seed"], { source: "git" })).compute("jobs");
nightly.task("top", sql({ savedQuery: "4f2e1c3a" }, { warehouse: "reporting" }));
nightly.task("tests", dbt(["dbt test"], { project: "/Workspace/Shared/dbt" })).compute("jobs").local({ command: "dbt test" });

export default nightly;
