import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile } from "../../../packages/compiler/src/index.js";
import { databricksTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

const build = (spec: unknown) => compile({ loaded: loaded(spec), target: databricksTarget, environment: null, options: {}, orchcVersion: "test" });
const job = (result: ReturnType<typeof build>) => parse(result.files.find((file) => file.path === "resources/p.job.yml")!.contents).resources.jobs.p;
const pipelineWith = (databricks: Record<string, unknown>) => ({
  id: "p",
  notify: { onFailure: { email: ["team@example.com"] } },
  compute: { jobs: { kind: "serverless" } },
  defaultCompute: "jobs",
  overrides: { databricks },
  tasks: [{ id: "t", action: { kind: "notebook", path: "src/t.py" } }],
});

describe(".databricks({...}) job settings", () => {
  it("are merged last, and e-mails by event: the duration warning keeps the pipeline's failure e-mail", () => {
    const result = build(pipelineWith({ email_notifications: { on_duration_warning_threshold_exceeded: ["oncall@example.com"] }, queue: { enabled: false } }));
    expect(result.diagnostics).toEqual([]);
    const written = job(result);
    expect(written.email_notifications).toEqual({ on_failure: ["team@example.com"], on_duration_warning_threshold_exceeded: ["oncall@example.com"] });
    expect(written.queue).toEqual({ enabled: false });
  });

  it("are checked in any pipeline file, at the setting: values the bundle schema refuses, and e-mails orchc writes from notify", () => {
    const result = build(
      pipelineWith({
        performance_target: "FAST",
        health: { rules: [{ metric: "RUN_DURATION", op: "GREATER_THAN", value: 60 }] },
        email_notifications: { on_failure: ["x@example.com"] },
        run_as: { group_name: "admins" },
        permissions: [{ level: "CAN_RUN", group_name: "users" }],
      }),
    );
    const found = result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.path?.join("."), diagnostic.message.replace(/:.*$/s, "")]);
    expect(found).toEqual([
      ["ORC302", "overrides.databricks.health", "`.databricks({ health })` at `rules.0.metric`"],
      ["ORC302", "overrides.databricks.run_as", "`.databricks({ run_as })`"],
      ["ORC302", "overrides.databricks.permissions", "`.databricks({ permissions })` at `0.level`"],
      ["ORC302", "overrides.databricks.email_notifications", "`.databricks({ email_notifications })` at `on_failure`"],
      ["ORC302", "overrides.databricks.performance_target", "`.databricks({ performance_target })`"],
    ]);
    expect(result.diagnostics.find((diagnostic) => diagnostic.message.includes("on_failure"))!.message).toContain("notify.onFailure");
  });
});
