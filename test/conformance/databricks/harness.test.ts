// Proves the Databricks conformance harness itself on hand-written bundles in fixtures/ (never orchc
// output), so that a failure on a generated bundle can be trusted to be about the bundle.
//
// The schema and stub-workspace tests run everywhere. The `bundle validate` tests need the real CLI
// from scripts/provision-databricks-cli.sh and skip without it. CAUTION: those expectations were
// written from the CLI's source and third-party transcripts of its output, never from a run on this
// project's machines (the Go module proxy refused the CLI module when the harness was written), so
// the first run with a real binary is their first check.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bundleFiles,
  bundleSchemaFile,
  bundleValidate,
  databricksCli,
  databricksCliMissingReason,
  resolvedJob,
  validateAgainstSchema,
} from "./databricks-cli.js";
import { type StubWorkspace, startStubWorkspace } from "./stub-workspace.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url));

describe("bundle schema check (Ajv)", () => {
  it("has a schema to check with", () => {
    const schema = bundleSchemaFile();
    expect(schema, "neither the provisioned CLI's printed schema nor shared/schemas is there").not.toBeNull();
    console.info(`[conformance] Databricks bundle schema: ${schema?.path} (${schema?.source})`);
  });

  it("follows include globs from the bundle root", () => {
    const files = bundleFiles(fixture("valid")).map((file) => file.slice(fixture("valid").length));
    expect(files).toEqual([
      "databricks.yml",
      "resources/orchc_fixture.job.yml",
      "resources/orchc_fixture_pipeline.pipeline.yml",
    ]);
  });

  it("accepts the valid bundle", () => {
    expect(validateAgainstSchema(fixture("valid"))).toEqual([]);
  });

  it("reports a misspelt key inside a task, in the included file that has it, once", () => {
    expect(validateAgainstSchema(fixture("typo-in-task"))).toEqual([
      'resources/typo.job.yml: /resources/jobs/typo_job/tasks/0 has unknown key "max_retires"',
    ]);
  });

  it("cannot see a depends_on naming no task, nor an expression that is not Quartz", () => {
    // Both are plain strings to the schema; orchc has to check them itself.
    expect(validateAgainstSchema(fixture("missing-dependency"))).toEqual([]);
    expect(validateAgainstSchema(fixture("bad-quartz"))).toEqual([]);
  });
});

describe("stub workspace", () => {
  let stub: StubWorkspace;
  beforeAll(async () => {
    stub = await startStubWorkspace();
  });
  afterAll(async () => {
    await stub.close();
  });

  it("answers /Me for its token only, on loopback", async () => {
    expect(stub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const me = await fetch(`${stub.url}/api/2.0/preview/scim/v2/Me`, {
      headers: { Authorization: `Bearer ${stub.token}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ userName: "tester@example.com" });
    const anonymous = await fetch(`${stub.url}/api/2.0/preview/scim/v2/Me`);
    expect(anonymous.status).toBe(401);
    expect(stub.unauthenticated.map((r) => r.path)).toEqual(["/api/2.0/preview/scim/v2/Me"]);
  });

  it("knows the workspace's standing folders and nothing below the user's home", async () => {
    const status = (path: string) =>
      fetch(`${stub.url}/api/2.0/workspace/get-status?path=${encodeURIComponent(path)}`, {
        headers: { Authorization: `Bearer ${stub.token}` },
      });
    expect((await status("/Workspace/Users/tester@example.com")).status).toBe(200);
    const missing = await status("/Workspace/Users/tester@example.com/.bundle/x/dev");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error_code: "RESOURCE_DOES_NOT_EXIST" });
  });

  it("records what it has no handler for", async () => {
    const response = await fetch(`${stub.url}/api/2.2/jobs/list`, {
      headers: { Authorization: `Bearer ${stub.token}` },
    });
    expect(response.status).toBe(404);
    expect(stub.unhandled.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/2.2/jobs/list"]);
  });
});

const cli = databricksCli();
if (cli === null)
  console.warn(`[conformance] skipping the Databricks bundle validate tests: ${databricksCliMissingReason()}`);

describe.skipIf(cli === null)("bundle validate (real Databricks CLI, stub workspace)", () => {
  let stub: StubWorkspace;
  beforeAll(async () => {
    stub = await startStubWorkspace({ log: process.env.ORCHC_STUB_LOG === "1" });
  });
  afterAll(async () => {
    // The endpoint list is the thing to look at when a new CLI version starts failing.
    const seen = [...new Set(stub.requests.map((r) => `${r.method} ${r.path} -> ${r.status}`))].sort();
    console.info(`[conformance] endpoints bundle validate called:\n  ${seen.join("\n  ")}`);
    await stub.close();
  });

  const describeRun = (result: Awaited<ReturnType<typeof bundleValidate>>) =>
    `exit ${result.status}\n--- stderr ---\n${result.stderr}\n--- stdout (first 2000) ---\n${result.stdout.slice(0, 2000)}`;

  it("dev: passes, with the development-mode name prefix and a paused schedule", async () => {
    const result = await bundleValidate(fixture("valid"), "dev", { stub });
    expect(result.status, describeRun(result)).toBe(0);
    expect(result.unhandled, "the CLI called endpoints the stub does not serve").toEqual([]);
    expect(result.unauthenticated, "the CLI sent other credentials than the stub's token").toEqual([]);
    expect(result.json?.workspace?.current_user?.userName).toBe("tester@example.com");
    expect(result.json?.workspace?.root_path).toBe("/Workspace/Users/tester@example.com/.bundle/orchc_fixture/dev");

    const job = resolvedJob(result, "orchc_fixture");
    expect(job.name).toBe("[dev tester] orchc_fixture");
    expect(job.schedule).toMatchObject({
      quartz_cron_expression: "0 30 2 ? * MON-FRI",
      timezone_id: "UTC",
      pause_status: "PAUSED",
    });
    expect(job.email_notifications).toEqual({ on_failure: ["data-alerts@example.com"] });
    const tasks = Object.fromEntries(
      (job.tasks as Array<Record<string, unknown>>).map((task) => [task.task_key, task]),
    );
    expect(Object.keys(tasks).sort()).toEqual(["extract", "refresh", "report"]);
    // Local notebook paths become workspace paths under the synced files, without the extension.
    expect(tasks.extract?.notebook_task).toMatchObject({
      notebook_path: "/Workspace/Users/tester@example.com/.bundle/orchc_fixture/dev/files/src/extract",
      base_parameters: { catalog: "main" },
    });
    expect(tasks.extract).toMatchObject({ max_retries: 2, min_retry_interval_millis: 300000 });
    // A pipeline's id exists only after deploy, so the reference is still unresolved here.
    expect(tasks.refresh?.pipeline_task).toMatchObject({
      pipeline_id: "${resources.pipelines.orchc_fixture_pipeline.id}",
    });
    expect(tasks.report).toMatchObject({
      run_if: "ALL_DONE",
      depends_on: [{ task_key: "extract" }, { task_key: "refresh" }],
    });
    expect(result.json?.resources?.pipelines?.orchc_fixture_pipeline).toMatchObject({
      name: "[dev tester] orchc_fixture_pipeline",
      development: true,
    });
  });

  it("prod: passes, unprefixed, with the schedule unpaused by the preset and the prod variables", async () => {
    const result = await bundleValidate(fixture("valid"), "prod", { stub });
    expect(result.status, describeRun(result)).toBe(0);
    expect(result.unhandled).toEqual([]);
    expect(result.json?.workspace?.root_path).toBe("/Workspace/Users/deployer@example.com/.bundle/orchc_fixture/prod");
    const job = resolvedJob(result, "orchc_fixture");
    expect(job.name).toBe("orchc_fixture");
    expect(job.schedule).toMatchObject({ quartz_cron_expression: "0 30 2 ? * MON-FRI", pause_status: "UNPAUSED" });
    const extract = (job.tasks as Array<Record<string, unknown>>).find((task) => task.task_key === "extract");
    expect(extract?.notebook_task).toMatchObject({ base_parameters: { catalog: "prod" } });
  });

  it("only warns about a misspelt key (the schema check is what fails it)", async () => {
    const result = await bundleValidate(fixture("typo-in-task"), "dev", { stub });
    expect(result.status, describeRun(result)).toBe(0);
    expect(result.stderr).toMatch(/Warning: unknown field: max_retires/);
  });

  // What bundle validate misses, recorded so orchc's own checks know what they must cover. No
  // validator under bundle/config/validate looks at depends_on targets or Quartz syntax; the Jobs
  // API rejects both at deploy. If a CLI version starts catching one, this fails with its message.
  it("does not catch a depends_on that names no task", async () => {
    const result = await bundleValidate(fixture("missing-dependency"), "dev", { stub });
    expect(result.status, describeRun(result)).toBe(0);
    expect(result.stderr).not.toMatch(/extrakt/);
  });

  it("does not catch a schedule that is not a Quartz expression", async () => {
    const result = await bundleValidate(fixture("bad-quartz"), "dev", { stub });
    expect(result.status, describeRun(result)).toBe(0);
    expect(result.stderr).not.toMatch(/quartz/i);
  });
});
