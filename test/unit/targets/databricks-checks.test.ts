import { describe, expect, it } from "vitest";
import { compile, lowerToIR } from "../../../packages/compiler/src/index.js";
import { databricksTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

const notebookTask = (id: string, extra: Record<string, unknown> = {}) => ({ id, action: { kind: "notebook", path: "src/nb.py" }, ...extra });
const build = (spec: unknown) => compile({ loaded: loaded(spec), target: databricksTarget, environment: null, options: {}, orchcVersion: "test" });
const problems = (spec: unknown) => build(spec).diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`);

describe("what the databricks target refuses, and says why", () => {
  it.each([
    ["a shell task", { id: "p", tasks: [{ id: "a", action: { kind: "shell", command: "echo" } }] }, "ORC301 task `a` uses a shell action"],
    ["exponential backoff", { id: "p", tasks: [notebookTask("a", { retries: { count: 2, delay: "1m", backoff: "exponential" } })] }, "ORC301 task `a` uses exponential backoff"],
    ["task environment variables", { id: "p", tasks: [notebookTask("a", { env: { X: "1" } })] }, "ORC301 task `a` uses environment variables"],
    ["a schedule with both day rules", { id: "p", schedule: { cron: "0 0 1,15 * 1" }, tasks: [notebookTask("a")] }, "ORC301 schedule `0 0 1,15 * 1` cannot be written as a Databricks (Quartz) cron"],
    ["inline SQL text", { id: "p", compute: { w: { kind: "warehouse", id: "1" } }, tasks: [{ id: "a", action: { kind: "sql", query: "select 1", warehouse: "w" } }] }, "ORC301 task `a` runs inline SQL text"],
    ["a literal ${ in a notebook param", { id: "p", tasks: [{ id: "a", action: { kind: "notebook", path: "x", params: { home: "${HOME}" } } }] }, "ORC301 task `a`: parameter `home` holds `${HOME}`, which the Databricks CLI reads as a bundle reference"],
    ["a literal {{ in a notebook param", { id: "p", tasks: [{ id: "a", action: { kind: "notebook", path: "x", params: { run: "{{job.run_id}}" } } }] }, "ORC330 task `a`: parameter `run` holds `{{` outside a reference"],
    ["a secret without a scope", { id: "p", secrets: { token: {} }, tasks: [{ id: "a", action: { kind: "notebook", path: "x", params: { t: { $secret: "token" } } } }] }, "ORC301 secret `token` has no Databricks secret scope"],
    ["a param default with ${", { id: "p", params: { home: { type: "string", default: "${HOME}" } }, tasks: [notebookTask("a")] }, "ORC301 the default of param `home` holds `${HOME}`"],
    [
      "a task named like orchc's run-status task",
      { id: "p", tasks: [notebookTask("a"), notebookTask("orchc_run_status", { after: ["a"], runIf: "allDone" })] },
      "ORC332 task id `orchc_run_status` is the key of the condition task orchc adds on Databricks",
    ],
    ["an unknown target mode", { id: "p", environments: { prod: { overrides: { databricks: { mode: "prod" } } } }, tasks: [notebookTask("a")] }, "ORC302 environment `prod`: mode:"],
  ])("refuses %s", (_name, spec, expected) => {
    const found = problems(spec);
    expect(found.some((problem) => problem.startsWith(expected)), found.join("\n")).toBe(true);
    expect(build(spec).files).toEqual([]);
  });

  it("builds an optional leaf with an always-true condition task after it", () => {
    const result = build({ id: "p", tasks: [notebookTask("a"), notebookTask("report", { after: ["a"], optional: true })] });
    expect(result.diagnostics).toEqual([]);
    const job = result.files.find((file) => file.path === "resources/p.job.yml")!.contents;
    expect(job).toContain("task_key: report__orchc_optional");
    expect(job).toContain("run_if: ALL_DONE");
    expect(job).toContain("condition_task:");
  });

  it("builds a task that needs an optional task's success (a failed optional task leaves it Upstream failed, and the run FAILED)", () => {
    const result = build({ id: "p", tasks: [notebookTask("a", { optional: true }), notebookTask("b", { after: ["a"] })] });
    expect(result.diagnostics).toEqual([]);
    const job = result.files.find((file) => file.path === "resources/p.job.yml")!.contents;
    expect(job).toContain("task_key: a__orchc_optional");
    expect(job).toMatch(/task_key: b\n +depends_on:\n +- task_key: a\n/);
  });

  it("refuses at emit, as an internal error, a `${…}` that bypassed the checks; writes overrides as given", () => {
    const emit = (spec: unknown) => {
      const { ir } = lowerToIR(loaded(spec), null);
      return databricksTarget.emit(ir!, { options: databricksTarget.options.parse({}), orchcVersion: "test" });
    };
    expect(() => emit({ id: "p", description: "${var.x}", tasks: [notebookTask("a")] })).toThrow("databricks: `${var.x}` reached the bundle unchecked at resources.jobs.p.description");
    const job = emit({ id: "p", tasks: [notebookTask("a", { overrides: { databricks: { description: "${var.x}" } } })] }).find((file) => file.path === "resources/p.job.yml")!.contents;
    expect(job).toContain('description: "${var.x}"');
  });
});
