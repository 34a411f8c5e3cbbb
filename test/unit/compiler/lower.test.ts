import { describe, expect, it } from "vitest";
import { lowerToIR, type PipelineNode } from "../../../packages/compiler/src/index.js";
import { loaded, shellTask } from "./lower-helpers.js";

function lower(spec: unknown, environment: string | null = null): PipelineNode {
  const { ir, diagnostics } = lowerToIR(loaded(spec), environment);
  expect(diagnostics).toEqual([]);
  return ir!.pipelines[0]!;
}

describe("lowering to the IR", () => {
  it("orders tasks topologically, declaration order breaking ties", () => {
    const pipeline = lower({
      id: "p",
      tasks: [shellTask("report", { after: ["load"] }), shellTask("extract"), shellTask("load", { after: ["extract"] }), shellTask("audit")],
    });
    expect(pipeline.tasks.map((task) => task.id)).toEqual(["extract", "load", "report", "audit"]);
  });

  it("turns durations into seconds and fills retry defaults", () => {
    const pipeline = lower({
      id: "p",
      timeout: "3h",
      tasks: [shellTask("a", { timeout: "90s", retries: { count: 2, delay: "1.5m", backoff: "exponential", maxDelay: "1d" } }), shellTask("b")],
    });
    expect(pipeline.timeoutSeconds).toBe(10_800);
    expect(pipeline.tasks[0]).toMatchObject({ timeoutSeconds: 90, retry: { count: 2, delaySeconds: 90, backoff: "exponential", maxDelaySeconds: 86_400, onTimeout: false } });
    expect(pipeline.tasks[1]).toMatchObject({ timeoutSeconds: null, retry: { count: 0, delaySeconds: 0, backoff: "fixed" }, runIf: "allSuccess", optional: false });
  });

  it("parses a schedule once into fields", () => {
    const pipeline = lower({ id: "p", schedule: { cron: "*/15 6-8 * * MON-FRI", timezone: "Europe/Paris" }, tasks: [shellTask("a")] });
    expect(pipeline.schedule).toMatchObject({
      expression: "*/15 6-8 * * MON-FRI",
      preset: null,
      timezone: "Europe/Paris",
      minute: { values: [0, 15, 30, 45], restricted: true },
      hour: { values: [6, 7, 8] },
      dayOfMonth: { restricted: false },
      dayOfWeek: { values: [1, 2, 3, 4, 5], restricted: true },
    });
  });

  it("expands presets and keeps Sunday as 0", () => {
    const pipeline = lower({ id: "p", schedule: { cron: "@weekly" }, tasks: [shellTask("a")] });
    expect(pipeline.schedule).toMatchObject({ expression: "0 0 * * 0", preset: "@weekly", timezone: "UTC", dayOfWeek: { values: [0] } });
    expect(lower({ id: "p", schedule: { cron: "0 0 * * 7" }, tasks: [shellTask("a")] }).schedule?.dayOfWeek.values).toEqual([0]);
  });

  it("keeps param and secret references as nodes", () => {
    const pipeline = lower({
      id: "p",
      params: { catalog: { type: "string", default: "dev" } },
      secrets: { apiToken: {} },
      tasks: [{ id: "a", action: { kind: "shell", command: { $template: ["run --catalog ", { $param: "catalog" }] } }, env: { TOKEN: { $secret: "apiToken" } } }],
    });
    expect(pipeline.tasks[0]!.action).toEqual({ kind: "shell", command: { kind: "template", parts: [{ kind: "text", text: "run --catalog " }, { kind: "param", name: "catalog" }] } });
    expect(pipeline.tasks[0]!.env).toEqual([{ name: "TOKEN", value: { kind: "secret", name: "apiToken" } }]);
    expect(pipeline.secrets).toEqual([{ name: "apiToken", env: "API_TOKEN", scope: null, key: "apiToken", description: null }]);
  });

  it("resolves an environment's overlay and lists every environment", () => {
    const spec = {
      id: "daily",
      schedule: { cron: "0 6 * * *" },
      timeout: "3h",
      params: { catalog: { type: "string", default: "base" } },
      notify: { onFailure: { email: ["team@example.com"] } },
      environments: {
        dev: { namePrefix: "[DEV] ", paused: true, params: { catalog: "dev" }, notify: null, schedule: null },
        prod: { timeout: "4h" },
      },
      tasks: [shellTask("a")],
    };
    const dev = lower(spec, "dev");
    expect(dev).toMatchObject({ name: "[DEV] daily", paused: true, schedule: null, timeoutSeconds: 10_800, environment: "dev" });
    expect(dev.params[0]?.default).toBe("dev");
    expect(dev.notify.onFailure).toEqual([]);
    const prod = lower(spec, "prod");
    expect(prod).toMatchObject({ name: "daily", timeoutSeconds: 14_400, notify: { onFailure: ["team@example.com"] } });
    const base = lower(spec);
    expect(base.environments.map((environment) => [environment.name, environment.timeoutSeconds, environment.paused])).toEqual([
      ["dev", 10_800, true],
      ["prod", 14_400, false],
    ]);
  });

  it("applies the default compute to tasks that name none", () => {
    const pipeline = lower({
      id: "p",
      compute: { main: { kind: "runner", runsOn: "ubuntu-latest" }, big: { kind: "runner", runsOn: ["self-hosted", "large"] } },
      defaultCompute: "main",
      tasks: [shellTask("a"), shellTask("b", { compute: "big" })],
    });
    expect(pipeline.tasks.map((task) => task.compute)).toEqual(["main", "big"]);
    expect(pipeline.compute[1]).toEqual({ kind: "runner", name: "big", runsOn: ["self-hosted", "large"] });
  });

  it("is deterministic", () => {
    const spec = { id: "p", tasks: [shellTask("b"), shellTask("a", { after: ["b"] })] };
    expect(JSON.stringify(lowerToIR(loaded(spec), null).ir)).toBe(JSON.stringify(lowerToIR(loaded(spec), null).ir));
  });

  it("spells a time zone the canonical way", () => {
    expect(lower({ id: "p", schedule: { cron: "@daily", timezone: "europe/paris" }, tasks: [shellTask("a")] }).schedule?.timezone).toBe("Europe/Paris");
  });

  it("resolves the default environment when none is asked for", () => {
    const pipeline = lower({ id: "p", environments: { dev: { default: true, paused: true } }, tasks: [shellTask("a")] });
    expect(pipeline).toMatchObject({ environment: "dev", paused: true });
  });

  it("merges an environment's notifications per event, and clears them with null", () => {
    const spec = {
      id: "p",
      notify: { onFailure: { email: ["oncall@example.com"] } },
      environments: { prod: { notify: { onSuccess: { email: ["team@example.com"] } } }, dev: { notify: null } },
      tasks: [shellTask("a")],
    };
    expect(lower(spec, "prod").notify).toEqual({ onStart: [], onSuccess: ["team@example.com"], onFailure: ["oncall@example.com"] });
    expect(lower(spec, "dev").notify).toEqual({ onStart: [], onSuccess: [], onFailure: [] });
  });
});
