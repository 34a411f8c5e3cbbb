import { describe, expect, it } from "vitest";
import * as z from "zod";
import { compile, FEATURES, SUPPORTED, type Capabilities, type Target } from "../../../packages/compiler/src/index.js";
import { irTarget } from "../../../packages/targets/src/index.js";
import { loaded, shellTask } from "./lower-helpers.js";

const withoutNotebooks: Capabilities = {
  ...(Object.fromEntries(FEATURES.map((feature) => [feature, SUPPORTED])) as Capabilities),
  "action.notebook": { supported: false, reason: "it runs no notebooks", wayOut: "use the databricks target, or a `.stub({ command })` override" },
  "retry.exponentialBackoff": { supported: false, reason: "it has fixed delays only", wayOut: 'drop `backoff: "exponential"`' },
};

const stubTarget: Target<{ flavour?: string }> = {
  name: "stub",
  description: "a target for tests",
  capabilities: withoutNotebooks,
  key: null,
  options: z.strictObject({ flavour: z.enum(["plain", "fancy"]).optional() }),
  outputDirectories: () => ["stub"],
  emit: (ir) => ir.pipelines.map((pipeline) => ({ path: `stub/${pipeline.id}.txt`, format: "markdown", contents: pipeline.id, pipelineIds: [pipeline.id] })),
};

const spec = {
  id: "p",
  tasks: [
    { id: "nb", action: { kind: "notebook", path: "src/nb.py" } },
    shellTask("sh", { after: ["nb"], retries: { count: 2, delay: "10s", backoff: "exponential" } }),
  ],
};

describe("capability checks", () => {
  it("names an environment only for what it sets itself: an inherited value is the pipeline's, reported once", async () => {
    const { targets } = await import("../../../packages/targets/src/index.js");
    const readme = {
      id: "nightly",
      timeout: "3h",
      notify: { onFailure: { email: ["data-eng@example.com"] } },
      environments: { dev: { namePrefix: "[DEV] ", paused: true, notify: null }, prod: { timeout: "4h" } },
      tasks: [shellTask("extract")],
    };
    const result = compile({ loaded: loaded(readme), target: targets["github-actions"], environment: null, options: {}, orchcVersion: "test" });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.code === "ORC301").map((diagnostic) => diagnostic.message.split(", which")[0])).toEqual([
      "a pipeline timeout (also environment `prod`)",
      "`notify.onFailure`",
    ]);
  });

  it("lets a pipeline's `targets` allow a target to drop or emulate, and says what it applied", async () => {
    const { targets } = await import("../../../packages/targets/src/index.js");
    const readme = {
      id: "nightly",
      timeout: "3h",
      notify: { onFailure: { email: ["data-eng@example.com"] }, onStart: { email: ["x@example.com"] } },
      targets: { githubActions: { "pipeline.timeout": "emulate", "notify.onFailure": "drop" } },
      tasks: [shellTask("extract")],
    };
    const result = compile({ loaded: loaded(readme), target: targets["github-actions"], environment: null, options: {}, orchcVersion: "test" });
    // notify.onStart is not allowed: still refused, alone.
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.path])).toEqual([["ORC301", ["notify", "onStart"]]]);
    const allowedAll = { ...readme, targets: { githubActions: { ...readme.targets.githubActions, "notify.onStart": "drop" } } };
    const built = compile({ loaded: loaded(allowedAll), target: targets["github-actions"], environment: null, options: {}, orchcVersion: "test" });
    expect(built.diagnostics).toEqual([]);
    expect(built.allowances?.map((allowance) => [allowance.feature, allowance.choice])).toEqual([
      ["pipeline.timeout", "emulate"],
      ["notify.onStart", "drop"],
      ["notify.onFailure", "drop"],
    ]);
  });

  it("offers, in every target's table, exactly the choices the DSL lets a pipeline write", async () => {
    const { targets } = await import("../../../packages/targets/src/index.js");
    const { TARGET_ALLOWANCES, TARGET_KEYS } = await import("../../../packages/dsl/src/index.js");
    expect(Object.values(targets).flatMap((target) => (target.key === null ? [] : [target.key])).sort()).toEqual([...TARGET_KEYS].sort());
    expect([...TARGET_KEYS].sort()).toEqual(Object.keys(TARGET_ALLOWANCES).sort());
    for (const target of Object.values(targets)) {
      if (target.key === null) continue;
      const offered = Object.fromEntries(
        FEATURES.flatMap((feature) => {
          const capability = target.capabilities[feature];
          if (capability.supported || capability.allow === undefined) return [];
          return [[feature, (["emulate", "drop"] as const).filter((choice) => capability.allow?.[choice] !== undefined)]];
        }),
      );
      const declared = Object.fromEntries(Object.entries(TARGET_ALLOWANCES[target.key]).map(([feature, choices]) => [feature, [...(choices as ReadonlyArray<string>)]]));
      expect(offered, target.name).toEqual(declared);
    }
  });

  it("refuses a pipeline whose `targets` leave the target out, or skips it when asked to", () => {
    const spec = { id: "p", targets: { local: {} }, tasks: [shellTask("a")] };
    const refused = compile({ loaded: loaded(spec), target: { ...stubTarget, key: "airflow" }, environment: null, options: {}, orchcVersion: "test" });
    expect(refused.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.path])).toEqual([["ORC312", ["targets"]]]);
    expect(refused.files).toEqual([]);
    const skipped = compile({ loaded: loaded(spec), target: { ...stubTarget, key: "airflow" }, environment: null, options: {}, orchcVersion: "test", undeclared: "skip" });
    expect(skipped.diagnostics).toEqual([]);
    expect(skipped.files).toEqual([]);
    const ir = compile({ loaded: loaded(spec), target: stubTarget, environment: null, options: {}, orchcVersion: "test" });
    expect(ir.files.map((file) => file.path)).toEqual(["stub/p.txt"]);
  });

  it("turns each unsupported use into ORC301 naming the way out, and emits nothing", () => {
    const result = compile({ loaded: loaded(spec), target: stubTarget, environment: null, options: {}, orchcVersion: "test" });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.taskId, diagnostic.hint])).toEqual([
      ["ORC301", "nb", "use the databricks target, or a `.stub({ command })` override"],
      ["ORC301", "sh", 'drop `backoff: "exponential"`'],
    ]);
    expect(result.diagnostics[0]?.message).toBe("task `nb` uses a notebook action, which the stub target cannot express: it runs no notebooks");
  });

  it("emits when every feature used is supported", () => {
    const result = compile({ loaded: loaded({ id: "p", tasks: [shellTask("a")] }), target: stubTarget, environment: null, options: {}, orchcVersion: "test" });
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((file) => file.path)).toEqual(["stub/p.txt"]);
  });

  it("checks target options with the target's schema", () => {
    const result = compile({ loaded: loaded({ id: "p", tasks: [shellTask("a")] }), target: stubTarget, environment: null, options: { flavour: "spicy" }, orchcVersion: "test" });
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC302"]);
    expect(result.files).toEqual([]);
  });

  it("lets the ir target express every feature", () => {
    expect(FEATURES.filter((feature) => !irTarget.capabilities[feature].supported)).toEqual([]);
    const result = compile({ loaded: loaded(spec), target: irTarget, environment: null, options: {}, orchcVersion: "test" });
    expect(result.diagnostics).toEqual([]);
    const written = JSON.parse(result.files[0]!.contents) as { version: number; pipeline: { id: string; tasks: Array<{ id: string }> } };
    expect(written.version).toBe(1);
    expect(written.pipeline.tasks.map((task) => task.id)).toEqual(["nb", "sh"]);
  });
});

describe("capability checks see every environment", () => {
  it("reports a feature only an environment uses, at that environment", () => {
    const withoutStart: Target<{ flavour?: string }> = {
      ...stubTarget,
      capabilities: { ...withoutNotebooks, "action.notebook": SUPPORTED, "notify.onStart": { supported: false, reason: "no start hook", wayOut: "notify on failure" } },
    };
    const spec = { id: "p", environments: { prod: { notify: { onStart: { email: ["ops@example.com"] } } } }, tasks: [shellTask("a")] };
    const result = compile({ loaded: loaded(spec), target: withoutStart, environment: null, options: {}, orchcVersion: "test" });
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.path])).toEqual([["ORC301", ["environments", "prod", "notify", "onStart"]]]);
  });
});
