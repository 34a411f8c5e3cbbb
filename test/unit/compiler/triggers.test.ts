import { describe, expect, it } from "vitest";
import { compile, lowerToIR } from "../../../packages/compiler/src/index.js";
import { cron, pipeline, sh } from "../../../packages/dsl/src/index.js";
import { githubActionsTarget, localPlanFor } from "../../../packages/targets/src/index.js";
import { statusTasks } from "../../../packages/targets/src/airflow/status-watcher.js";
import { loaded, shellTask } from "./lower-helpers.js";

const spec = (id: string, extra: Record<string, unknown> = {}) => ({ id, tasks: [shellTask("t")], ...extra });
const lower = (...specs: unknown[]) => lowerToIR(loaded(...specs), null);
const lowerFor = (environment: string, ...specs: unknown[]) => lowerToIR(loaded(...specs), environment);

describe("triggers: from the builder to the IR", () => {
  it("names pipelines given by handle by their ids, once each, in the order written", () => {
    const nightly = pipeline("nightly", { schedule: cron("@daily") });
    const report = pipeline("report", { trigger: { after: [nightly, "nightly", "audit"] } });
    expect(report.toSpec().trigger).toEqual({ after: ["nightly", "nightly", "audit"] });
    nightly.task("t", sh`true`);
    report.task("t", sh`true`);
    const audit = pipeline("audit", {});
    audit.task("t", sh`true`);
    const { ir } = lower(nightly.toSpec(), report.toSpec(), audit.toSpec());
    expect(ir?.pipelines[1]?.trigger).toEqual({ kind: "after", pipelines: ["nightly", "audit"] });
  });

  it("lets an environment replace the trigger, remove it, or swap it for a schedule", () => {
    const landing = spec("landing", {
      trigger: { fileArrival: { path: "/Volumes/main/raw/in/" } },
      environments: {
        prod: { trigger: { tableUpdate: { tables: ["main.sales.orders"] } } },
        dev: { trigger: null },
        staging: { trigger: null, schedule: { cron: "0 6 * * *" } },
      },
    });
    const { ir, diagnostics } = lower(landing);
    expect(diagnostics).toEqual([]);
    const byName = Object.fromEntries(ir!.pipelines[0]!.environments.map((environment) => [environment.name, environment]));
    expect(byName.prod?.trigger).toEqual({ kind: "tableUpdate", tables: ["main.sales.orders"] });
    expect(byName.dev?.trigger).toBeNull();
    expect(byName.staging?.trigger).toBeNull();
    expect(byName.staging?.schedule?.expression).toBe("0 6 * * *");
    expect(lowerFor("prod", landing).ir?.pipelines[0]?.trigger).toEqual({ kind: "tableUpdate", tables: ["main.sales.orders"] });
  });
});

describe("triggers: checks", () => {
  const codes = (...specs: unknown[]) => lower(...specs).diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.subject?.pipelineId}`);

  it("finds a cycle through three pipelines whichever pipeline is declared first, once", () => {
    const a = spec("a", { trigger: { after: ["c"] } });
    const b = spec("b", { trigger: { after: ["a"] } });
    const c = spec("c", { trigger: { after: ["b"] } });
    for (const order of [[a, b, c], [b, c, a], [c, a, b]]) expect(codes(...order)).toHaveLength(1);
    expect(lower(a, b, c).diagnostics[0]?.message).toBe("trigger cycle: a → b → c → a (each pipeline's success would start the next, forever)");
    expect(codes(spec("self", { trigger: { after: ["self"] } }))).toEqual(["ORC156 self"]);
  });

  it("checks the pipelines an environment's trigger names, and a schedule it adds beside the pipeline's trigger", () => {
    const nightly = spec("nightly");
    expect(codes(nightly, spec("r", { environments: { prod: { trigger: { after: ["nigthly"] } } } }))).toEqual(["ORC155 r"]);
    expect(lower(nightly, spec("r", { environments: { prod: { trigger: { after: ["nigthly"] } } } })).diagnostics[0]?.hint).toBe("did you mean `nightly`?");
    expect(codes(nightly, spec("r", { trigger: { after: ["nightly"] }, environments: { prod: { schedule: { cron: "@daily" } } } }))).toEqual(["ORC157 r"]);
    expect(codes(nightly, spec("r", { trigger: { after: ["nightly"] }, environments: { prod: { overrides: { databricks: { continuous: {} } } } } }))).toEqual(["ORC157 r"]);
  });

  it("accepts storage URLs and volumes, and three-part table names", () => {
    for (const path of ["s3://bucket/landing/", "abfss://raw@acct.dfs.core.windows.net/in/", "gs://b/x", "/Volumes/main/raw/in/"]) {
      expect(codes(spec("f", { trigger: { fileArrival: { path } } })), path).toEqual([]);
    }
    for (const path of ["landing/", "/tmp/in", "s3://b/${var.x}/"]) expect(codes(spec("f", { trigger: { fileArrival: { path } } })), path).toEqual(["ORC159 f"]);
    expect(codes(spec("t", { trigger: { tableUpdate: { tables: ["main.sales.orders", "orders", "a.b.c.d"] } } }))).toEqual(["ORC159 t", "ORC159 t"]);
  });
});

describe("triggers: targets", () => {
  it("say locally what `orchc run` does with each trigger", () => {
    const { ir } = lower(spec("up"), spec("after", { trigger: { after: ["up"] } }), spec("files", { trigger: { fileArrival: { path: "s3://b/in/" } } }), spec("tables", { trigger: { tableUpdate: { tables: ["m.s.t"] } } }));
    expect(ir!.pipelines.slice(1).map((pipeline) => localPlanFor(pipeline).inert)).toEqual([
      ["trigger after `up` succeeded: not applied; start runs yourself (a local run watches no other pipeline)"],
      ["trigger on files arriving in s3://b/in/: not applied; start runs yourself (a local run watches no storage)"],
      ["trigger on updates to `m.s.t`: not applied; start runs yourself (a local run watches no table)"],
    ]);
  });

  it("GitHub Actions: a paused pipeline has no workflow_run and no success gate, as it has no schedule", () => {
    const result = compile({ loaded: loaded(spec("up"), spec("down", { trigger: { after: ["up"] }, paused: true })), target: githubActionsTarget, environment: null, options: {}, orchcVersion: "test" });
    const down = result.files.find((file) => file.path.endsWith("down.yml"))!.contents;
    expect(down).not.toContain("workflow_run");
    const active = compile({ loaded: loaded(spec("up"), spec("down", { trigger: { after: ["up"] } })), target: githubActionsTarget, environment: null, options: {}, orchcVersion: "test" });
    expect(active.files.find((file) => file.path.endsWith("down.yml"))!.contents).toContain("github.event.workflow_run.conclusion == 'success'");
  });

  it("Airflow: the success task waits for every critical task and for the end of the optional ones", () => {
    const { ir } = lower(spec("up", { tasks: [shellTask("a"), shellTask("b", { after: ["a"], optional: true }), shellTask("c", { optional: true })] }));
    expect(statusTasks(ir!.pipelines[0]!, true).succeeded).toEqual({ id: "orchc_succeeded", upstream: ["a", "orchc_optional_end"] });
    expect(statusTasks(ir!.pipelines[0]!, false).succeeded).toBeNull();
  });
});
