import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile, lowerToIR } from "../../../packages/compiler/src/index.js";
import { airflowTarget, databricksTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

const compute = {
  jobs: { kind: "cluster", sparkVersion: "16.4.x-scala2.13", nodeType: "i3.xlarge" },
  dbt: { kind: "serverless", dependencies: ["requests==2.32.3"] },
  wh: { kind: "warehouse", id: "abc" },
};
const dbt = (id: string, extra: Record<string, unknown> = {}, on = "jobs") => ({ id, compute: on, action: { kind: "dbt", commands: ["dbt run"], ...extra } });
const build = (...tasks: unknown[]) => compile({ loaded: loaded({ id: "p", compute, tasks }), target: databricksTarget, environment: null, options: {}, orchcVersion: "test" });
const tasksOf = (result: ReturnType<typeof build>) => {
  expect(result.diagnostics).toEqual([]);
  const job = parse(result.files.find((file) => file.path === "resources/p.job.yml")!.contents).resources.jobs.p;
  return { job, task: (key: string) => job.tasks.find((task: { task_key: string }) => task.task_key === key) };
};
const codes = (result: { diagnostics: ReadonlyArray<{ code: string; subject?: { path?: ReadonlyArray<string | number> } }> }) => result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.path]);

describe("spark JAR and dbt tasks, and saved SQL objects", () => {
  it("writes the project folder as the dbt-sql template does: `../` for the project itself, from the resource file otherwise, as given from git", () => {
    const { task } = tasksOf(build(dbt("root"), dbt("sub", { project: "./dbt" }), dbt("workspace", { project: "/Workspace/Shared/dbt" }), dbt("git", { project: "analytics", source: "git" })));
    expect(["root", "sub", "workspace", "git"].map((key) => task(key).dbt_task.project_directory)).toEqual(["../", "../dbt", "/Workspace/Shared/dbt", "analytics"]);
    expect(task("git").dbt_task.source).toBe("GIT");
    expect(task("root").dbt_task.source).toBeUndefined();
  });

  it("installs dbt-databricks as the task's library on a cluster, in the environment on serverless, and not when the task pins its own", () => {
    const pinned = { libraries: [{ pypi: { package: "dbt-databricks==1.10.4" } }] };
    const { job, task } = tasksOf(build(dbt("cluster"), dbt("pinned", pinned), dbt("serverless", {}, "dbt")));
    expect(task("cluster").libraries).toEqual([{ pypi: { package: "dbt-databricks>=1.8.0,<2.0.0" } }]);
    expect(task("pinned").libraries).toEqual([{ pypi: { package: "dbt-databricks==1.10.4" } }]);
    expect(task("serverless").libraries).toBeUndefined();
    expect(task("serverless").environment_key).toBe("dbt");
    expect(job.environments).toEqual([{ environment_key: "dbt", spec: { environment_version: "4", dependencies: ["requests==2.32.3", "dbt-databricks>=1.8.0,<2.0.0"] } }]);
  });

  it("puts params in dbt commands and JAR parameters as dynamic value references", () => {
    const result = compile({
      loaded: loaded({
        id: "p",
        params: { catalog: { type: "string", default: "dev" } },
        compute,
        tasks: [dbt("models", { commands: [{ $template: ["dbt run --vars 'catalog: ", { $param: "catalog" }, "'"] }], warehouse: "wh", schema: "s" }), { id: "etl", compute: "jobs", action: { kind: "sparkJar", mainClass: "a.Main", parameters: [{ $param: "catalog" }] } }],
      }),
      target: databricksTarget,
      environment: null,
      options: {},
      orchcVersion: "test",
    });
    const { task } = tasksOf(result);
    expect(task("models").dbt_task).toEqual({ project_directory: "../", commands: ["dbt run --vars 'catalog: {{job.parameters.catalog}}'"], warehouse_id: "abc", schema: "s" });
    expect(task("etl").spark_jar_task).toEqual({ main_class_name: "a.Main", parameters: ["{{job.parameters.catalog}}"] });
  });

  it("refuses a JAR task on serverless (ORC344) and one without a cluster (ORC345), naming where", () => {
    const jar = (id: string, on?: string) => ({ id, ...(on && { compute: on }), action: { kind: "sparkJar", mainClass: "a.Main", libraries: [{ jar: "/Volumes/x/app.jar" }] } });
    expect(codes(build(jar("a", "dbt"), jar("b", "wh"), jar("c")))).toEqual([
      ["ORC344", ["compute"]],
      ["ORC345", ["compute"]],
      ["ORC345", ["action"]],
    ]);
  });

  it("refuses a dbt command that does not start with dbt, and profiles beside a warehouse, before any target", () => {
    const { diagnostics } = lowerToIR(loaded({ id: "p", compute, tasks: [dbt("a", { commands: ["dbt deps", "dbtx run", { $param: "x" }], warehouse: "wh", profiles: "." })], params: { x: { type: "string", default: "dbt run" } } }), null);
    expect(codes({ diagnostics })).toEqual([
      ["ORC346", ["action", "commands", 1]],
      ["ORC346", ["action", "commands", 2]],
      ["ORC346", ["action", "profiles"]],
    ]);
  });

  it("refuses params on an alert and subscriptions on a saved query, in the schema", () => {
    const sql = (extra: Record<string, unknown>) => lowerToIR(loaded({ id: "p", compute, tasks: [{ id: "a", action: { kind: "sql", warehouse: "wh", ...extra } }] }), null).diagnostics.map((diagnostic) => diagnostic.subject?.path);
    expect(sql({ alert: "1", params: { a: "b" } })).toEqual([["action", "params"]]);
    expect(sql({ savedQuery: "1", subscriptions: [{ user: "me" }] })).toEqual([["action", "subscriptions"]]);
    expect(sql({ alert: "1", customSubject: "x" })).toEqual([["action", "customSubject"]]);
  });

  it("on Airflow, refuses a dbt project Airflow cannot reach and a JAR in the project, and accepts workspace and volume paths", () => {
    const airflow = (...tasks: unknown[]) => compile({ loaded: loaded({ id: "p", compute, tasks }), target: airflowTarget, environment: null, options: {}, orchcVersion: "test" });
    expect(airflow(dbt("a", { project: "/Workspace/Shared/dbt" }), { id: "b", compute: "jobs", action: { kind: "sparkJar", mainClass: "a.Main", libraries: [{ jar: "/Volumes/x/app.jar" }] } }).diagnostics).toEqual([]);
    expect(codes(airflow(dbt("a"), dbt("b", { project: "dbt" }), dbt("c", { source: "git" }), { id: "d", compute: "jobs", action: { kind: "sparkJar", mainClass: "a.Main", libraries: [{ jar: "target/app.jar" }] } }))).toEqual([
      ["ORC347", ["action"]],
      ["ORC347", ["action", "project"]],
      ["ORC347", ["action"]],
      ["ORC342", ["action", "libraries", 0]],
    ]);
  });
});
