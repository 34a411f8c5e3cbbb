import { describe, expect, it } from "vitest";
import { cluster, concat, cron, notebook, params, pipeline, python, runner, secrets, sh, sql, warehouse } from "../../../packages/dsl/src/index.js";
import { localPlanFor } from "../../../packages/targets/src/index.js";
import { irOf } from "./local-helpers.js";

const p = params({ runDate: { type: "string", default: "2024-01-01" }, limit: { type: "number" } });
const s = secrets({ apiToken: {}, dbPassword: { env: "PGPASSWORD" } });

describe("localPlanFor: scripts", () => {
  it("turns a shell command into bash that reads params and secrets from the environment", () => {
    const daily = pipeline("daily", { params: p, secrets: s });
    daily.task("load", sh`./load.sh --date ${p.runDate} --token ${s.apiToken}`);
    const [task] = localPlanFor(irOf(daily)).tasks;
    expect(task?.script).toBe('./load.sh --date "${ORCHC_PARAM_runDate}" --token "${API_TOKEN}"');
    expect(task?.secrets).toEqual(["apiToken"]);
  });

  it("runs a python script with python3, its arguments quoted as data", () => {
    const daily = pipeline("daily", { params: p, secrets: s });
    daily.task("report", python("src/report.py", [p.limit, "two words", s.dbPassword]));
    const [task] = localPlanFor(irOf(daily)).tasks;
    expect(task?.script).toBe(`python3 src/report.py "\${ORCHC_PARAM_limit}" 'two words' "\${PGPASSWORD}"`);
    expect(task?.secrets).toEqual(["dbPassword"]);
  });

  it("keeps env values as text, param and secret parts, and lists the secrets they read", () => {
    const daily = pipeline("daily", { params: p, secrets: s });
    daily.task("load", sh`./load.sh`).env({ MODE: "full", RETRIES: 3, DATE: p.runDate, URL: concat("postgres://app:", s.dbPassword, "@db/", p.runDate) });
    const [task] = localPlanFor(irOf(daily)).tasks;
    expect(task?.env).toEqual([
      { name: "MODE", value: [{ text: "full" }] },
      { name: "RETRIES", value: [{ text: "3" }] },
      { name: "DATE", value: [{ param: "runDate" }] },
      { name: "URL", value: [{ text: "postgres://app:" }, { secret: "dbPassword" }, { text: "@db/" }, { param: "runDate" }] },
    ]);
    expect(task?.secrets).toEqual(["dbPassword"]);
  });

  it("copies what the runner enforces: dependencies, retries, timeout, runIf, optional, group, working directory", () => {
    const daily = pipeline("daily", {});
    const extract = daily.task("extract", sh`./extract.sh`).description("pull the day's files");
    daily
      .task("load", sh`./load.sh`)
      .after(extract)
      .retries(2, { delay: "30s", backoff: "exponential", maxDelay: "5m", onTimeout: true })
      .timeout("10m")
      .runIf("allDone")
      .optional()
      .group("warehouse")
      .workingDir("jobs");
    const [first, second] = localPlanFor(irOf(daily)).tasks;
    expect(first).toMatchObject({ id: "extract", description: "pull the day's files", dependsOn: [], runIf: "allSuccess", optional: false, group: null, workingDir: null });
    expect(second).toMatchObject({
      id: "load",
      dependsOn: ["extract"],
      retry: { count: 2, delaySeconds: 30, backoff: "exponential", maxDelaySeconds: 300, onTimeout: true },
      timeoutSeconds: 600,
      runIf: "allDone",
      optional: true,
      group: "warehouse",
      workingDir: "jobs",
    });
  });
});

describe("localPlanFor: .local() overrides", () => {
  it("replaces the script with `command` for any action, which reads the secrets its action declares or its text names", () => {
    const daily = pipeline("daily", { params: p, secrets: s });
    // The command stands in for the action, so it is handed what the action would be: the program
    // it starts may read the secret from its environment without naming it in the command.
    daily.task("silver", notebook("src/silver.py", { token: s.apiToken })).local({ command: 'python3 src/silver.py --date "$ORCHC_PARAM_runDate"' });
    daily.task("load", sh`./load.sh ${s.apiToken}`).local({ command: "./load-local.sh" });
    daily.task("named", sh`./named.sh`).local({ command: './named.sh "${API_TOKEN}"' });
    daily.task("none", sh`./none.sh`).local({ command: "./none-local.sh $API_TOKENS" });
    const [silver, load, named, none] = localPlanFor(irOf(daily)).tasks;
    expect(silver).toMatchObject({ script: 'python3 src/silver.py --date "$ORCHC_PARAM_runDate"', secrets: ["apiToken"] });
    expect(load).toMatchObject({ script: "./load-local.sh", secrets: ["apiToken"] });
    expect(named?.secrets).toEqual(["apiToken"]);
    expect(none?.secrets).toEqual([]);
  });

  it("adds `env` after the task's own variables, a name set in both taking the override's value", () => {
    const daily = pipeline("daily", { params: p, secrets: s });
    daily.task("load", sh`./load.sh`).env({ MODE: "full", TOKEN: s.apiToken }).local({ env: { TOKEN: "dev-token", SPARK_MASTER: "local[2]" } });
    const [task] = localPlanFor(irOf(daily)).tasks;
    expect(task?.env).toEqual([
      { name: "MODE", value: [{ text: "full" }] },
      { name: "TOKEN", value: [{ text: "dev-token" }] },
      { name: "SPARK_MASTER", value: [{ text: "local[2]" }] },
    ]);
    expect(task?.secrets).toEqual([]);
  });

  it("replaces the working directory with `workingDir`", () => {
    const daily = pipeline("daily", {});
    daily.task("load", sh`./load.sh`).workingDir("/opt/jobs").local({ workingDir: "jobs" });
    expect(localPlanFor(irOf(daily)).tasks[0]?.workingDir).toBe("jobs");
  });

  it("takes the default slot count from the pipeline's `parallel`, else leaves it to the machine", () => {
    const daily = pipeline("daily", {}).local({ parallel: 3 });
    daily.task("a", sh`true`);
    expect(localPlanFor(irOf(daily)).parallel).toBe(3);
    const plain = pipeline("plain", {});
    plain.task("a", sh`true`);
    expect(localPlanFor(irOf(plain)).parallel).toBeNull();
  });
});

describe("localPlanFor: the pipeline", () => {
  it("carries params, secrets (name and variable), limits and every environment", () => {
    const daily = pipeline("daily", {
      name: "Daily load",
      description: "loads the day",
      params: p,
      secrets: s,
      timeout: "2h",
      maxConcurrentRuns: 1,
      environments: {
        dev: { default: true, namePrefix: "[dev] ", params: { runDate: "2020-01-01" }, timeout: "30m" },
        prod: { params: { limit: 100 } },
      },
    });
    daily.task("a", sh`true`);
    const plan = localPlanFor(irOf(daily));
    expect(plan).toMatchObject({
      version: 1,
      pipeline: { id: "daily", name: "[dev] Daily load", description: "loads the day", source: "pipeline.ts" },
      environment: "dev",
      timeoutSeconds: 1800,
      maxConcurrentRuns: 1,
    });
    expect(plan.params).toEqual([
      { name: "runDate", type: "string", default: "2020-01-01", values: null, description: null },
      { name: "limit", type: "number", default: null, values: null, description: null },
    ]);
    expect(plan.secrets).toEqual([
      { name: "apiToken", env: "API_TOKEN" },
      { name: "dbPassword", env: "PGPASSWORD" },
    ]);
    expect(plan.environments).toEqual([
      { name: "dev", isDefault: true, params: { runDate: "2020-01-01", limit: null }, timeoutSeconds: 1800 },
      { name: "prod", isDefault: false, params: { runDate: "2024-01-01", limit: 100 }, timeoutSeconds: 7200 },
    ]);
  });

  it("lists what means nothing on one machine, one short line each", () => {
    const daily = pipeline("daily", {
      schedule: cron("0 6 * * *", { timezone: "Europe/Paris" }),
      paused: true,
      notify: { onFailure: { email: ["oncall@example.com", "data@example.com"] }, onSuccess: { email: ["data@example.com"] } },
      compute: {
        big: cluster({ sparkVersion: "16.4.x-scala2.12", nodeType: "i3.xlarge", workers: 2 }),
        sqlw: warehouse("abc123"),
        ci: runner("ubuntu-latest"),
        unused: cluster({ sparkVersion: "16.4.x-scala2.12", nodeType: "i3.xlarge", workers: 8 }),
      },
    }).airflow({ max_active_tasks: 2 });
    daily.task("silver", notebook("src/silver.py")).compute("big").local({ command: "python3 src/silver.py" }).databricks({ disabled: false });
    daily.task("gold", notebook("src/gold.py")).compute("big").local({ command: "python3 src/gold.py" });
    daily.task("report", sql({ query: "select 1" }, { warehouse: "sqlw" })).local({ command: "true" }).airflow({ pool: "sql" });
    daily.task("publish", sh`./publish.sh`).compute("ci").githubActions({ "runs-on": "ubuntu-24.04" });
    expect(localPlanFor(irOf(daily)).inert).toEqual([
      'schedule "0 6 * * *" (Europe/Paris, paused): not applied; start runs yourself or from cron',
      "compute `big` (cluster) of tasks `silver`, `gold`: not used; tasks run on this machine",
      "compute `sqlw` (warehouse) of tasks `report`: not used; tasks run on this machine",
      "compute `ci` (runner) of tasks `publish`: not used; tasks run on this machine",
      "notify onSuccess (data@example.com): not sent on this machine",
      "notify onFailure (oncall@example.com, data@example.com): not sent on this machine",
      ".airflow() on the pipeline and tasks `report`: for the airflow target only",
      ".databricks() on tasks `silver`: for the databricks target only",
      ".githubActions() on tasks `publish`: for the github-actions target only",
    ]);
  });

  it("has nothing inert for a plain pipeline, and says a paused one without a schedule is not applied", () => {
    const plain = pipeline("plain", {});
    plain.task("a", sh`true`);
    expect(localPlanFor(irOf(plain)).inert).toEqual([]);
    const paused = pipeline("paused", { paused: true });
    paused.task("a", sh`true`);
    expect(localPlanFor(irOf(paused)).inert).toEqual(["paused: not applied; a run starts whenever you start it"]);
  });
});
