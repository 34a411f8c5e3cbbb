// A `mode: development` target makes the CLI put `[dev <user>] ` before every job and warehouse
// name, and pause schedules and allow 4 runs where the bundle leaves those unset: orchc writes no
// prefix of its own there (and says so, ORC333), and keeps those two defaults written.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile } from "../../../packages/compiler/src/index.js";
import { databricksTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

type Bundle = { targets?: Record<string, { resources?: { jobs?: Record<string, Record<string, unknown>>; sql_warehouses?: Record<string, Record<string, unknown>> } }> };
type JobFile = { resources: { jobs: Record<string, Record<string, unknown>>; sql_warehouses?: Record<string, Record<string, unknown>> } };

const notebookTask = (id: string, extra: Record<string, unknown> = {}) => ({ id, action: { kind: "notebook", path: "src/nb.py" }, ...extra });
const development = { overrides: { databricks: { mode: "development" } } };
const production = { overrides: { databricks: { mode: "production" } } };

function build(...specs: unknown[]) {
  const result = compile({ loaded: loaded(...specs), target: databricksTarget, environment: null, options: {}, orchcVersion: "test" });
  const file = (path: string) => result.files.find((candidate) => candidate.path === path)?.contents;
  return {
    diagnostics: result.diagnostics.map((diagnostic) => ({ code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message, path: diagnostic.subject?.path, pipelineId: diagnostic.subject?.pipelineId })),
    bundle: parse(file("databricks.yml") ?? "{}") as Bundle,
    job: (id: string) => parse(file(`resources/${id}.job.yml`)!) as JobFile,
  };
}

const withWarehouse = (environments: Record<string, unknown>, warehouse: Record<string, unknown> = {}) => ({
  id: "p",
  name: "Nightly",
  compute: { wh: { kind: "sqlWarehouse", name: "reporting", size: "Small", ...warehouse } },
  environments,
  tasks: [{ id: "q", action: { kind: "sql", file: "src/q.sql", warehouse: "wh" } }],
});

describe("Databricks development-mode targets: the CLI's name prefix, not orchc's", () => {
  it("writes no name prefix in a development target, keeps it elsewhere, and warns at the environment", () => {
    const { bundle, diagnostics } = build(withWarehouse({ dev: { namePrefix: "[DEV] ", ...development }, staging: { namePrefix: "[STAGING] " }, prod: production }));
    const target = (name: string) => bundle.targets![name]!.resources!;
    expect(target("dev").jobs!.p!.name).toBe("Nightly");
    expect(target("dev").sql_warehouses!.p_wh!.name).toBe("reporting");
    expect(target("staging").jobs!.p!.name).toBe("[STAGING] Nightly");
    expect(target("staging").sql_warehouses!.p_wh!.name).toBe("[STAGING] reporting");
    expect(target("prod").jobs!.p!.name).toBe("Nightly");
    expect(diagnostics).toEqual([
      {
        code: "ORC333",
        severity: "warning",
        message: "environment `dev`: namePrefix `[DEV] ` is replaced on Databricks by development mode's `[dev <user>] `, which the CLI puts before every job and warehouse name of target `dev`",
        path: ["environments", "dev", "namePrefix"],
        pipelineId: "p",
      },
    ]);
  });

  it("says nothing where no prefix is dropped: no prefix in development mode, or a prefix without it", () => {
    expect(build(withWarehouse({ dev: development, prod: production })).diagnostics).toEqual([]);
    const kept = build(withWarehouse({ dev: { namePrefix: "[DEV] " }, prod: production }));
    expect(kept.diagnostics).toEqual([]);
    expect(kept.bundle.targets!.dev!.resources!.jobs!.p!.name).toBe("[DEV] Nightly");
  });

  it("drops the prefix of every pipeline deployed to that target, whichever pipeline set its mode", () => {
    const first = { id: "a", environments: { dev: { namePrefix: "[DEV] ", ...development }, prod: production }, tasks: [notebookTask("t")] };
    const second = { id: "b", environments: { dev: { namePrefix: "[DEV] " }, prod: {} }, tasks: [notebookTask("t")] };
    const { bundle, diagnostics } = build(first, second);
    // Both pipelines' dev names are unprefixed, so they agree with prod and stay in the job resource.
    expect(bundle.targets!.dev).toEqual({ mode: "development" });
    expect(diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.pipelineId}`)).toEqual(["ORC333 a", "ORC333 b"]);
  });

  it("checks the text that lands: a prefix the target drops is not refused for what it holds", () => {
    const spec = (mode: Record<string, unknown>) => ({ id: "p", environments: { dev: { namePrefix: "${var.who} ", ...mode }, prod: {} }, tasks: [notebookTask("t")] });
    expect(build(spec(development)).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC333"]);
    expect(build(spec({})).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC301"]);
  });
});

describe("Databricks' defaults left out, unless a development target would change them", () => {
  const scheduled = (environments: Record<string, unknown>) => ({ id: "p", schedule: { cron: "0 3 * * *" }, maxConcurrentRuns: 1, environments, tasks: [notebookTask("t")] });

  it("leaves out an unpaused schedule's pause_status and one run at a time", () => {
    const job = build(scheduled({ dev: {}, prod: production })).job("p").resources.jobs.p!;
    expect(job.schedule).toEqual({ quartz_cron_expression: "0 0 3 * * ?", timezone_id: "UTC" });
    expect(job).not.toHaveProperty("max_concurrent_runs");
  });

  it("writes both where a development target would pause the schedule and allow 4 runs", () => {
    const job = build(scheduled({ dev: development, prod: production })).job("p").resources.jobs.p!;
    expect(job.schedule).toEqual({ quartz_cron_expression: "0 0 3 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" });
    expect(job.max_concurrent_runs).toBe(1);
  });

  it("always writes a paused schedule and other run limits", () => {
    const job = build({ ...scheduled({ dev: {}, prod: production }), paused: true, maxConcurrentRuns: 3 }).job("p").resources.jobs.p!;
    expect(job.schedule).toMatchObject({ pause_status: "PAUSED" });
    expect(job.max_concurrent_runs).toBe(3);
  });

  it("leaves out warehouse settings equal to the defaults, and writes the rest", () => {
    const warehouse = (settings: Record<string, unknown>) => build({ ...withWarehouse({}, settings), environments: undefined }).job("p").resources.sql_warehouses!.p_wh!;
    expect(warehouse({ minClusters: 1, maxClusters: 1, autoStopMinutes: 120, photon: true })).toEqual({ name: "reporting", cluster_size: "Small" });
    expect(warehouse({ minClusters: 2, maxClusters: 3, autoStopMinutes: 0, photon: false })).toEqual({ name: "reporting", cluster_size: "Small", min_num_clusters: 2, max_num_clusters: 3, auto_stop_mins: 0, enable_photon: false });
  });
});

describe("the key of the condition task after an optional task", () => {
  it.each(["load__orchc_optional", "Load__ORCHC_Optional"])("is kept from user tasks: %s", (id) => {
    const { diagnostics } = build({ id: "p", tasks: [notebookTask("load", { optional: true }), notebookTask(id, { after: ["load"] })] });
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC332"]);
  });
});
