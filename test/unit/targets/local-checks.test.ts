import { describe, expect, it } from "vitest";
import { lakeflowPipeline, notebook, pipeline, sh, sparkPython, sql, warehouse } from "../../../packages/dsl/src/index.js";
import { buildLocal, FILE } from "./local-helpers.js";

const problemsOf = (result: ReturnType<typeof buildLocal>) => result.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`);

describe("what the local target refuses, and says why", () => {
  it("refuses a notebook task without a local command, pointing at its action, with the way out", () => {
    const daily = pipeline("daily", {});
    daily.task("silver", notebook("src/silver.py"));
    const result = buildLocal(daily);
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        code: "ORC301",
        severity: "error",
        message: "task `silver` uses a notebook action, which the local target cannot express: a notebook runs in a Databricks workspace, and the task has no local command",
        hint: 'give it a local command: `.local({ command: "python3 src/silver.py" })`, or build this pipeline for databricks',
        subject: { file: FILE, pipelineId: "daily", taskId: "silver", path: ["action"] },
      },
    ]);
  });

  it("refuses every Databricks action without a command, and builds once each has one", () => {
    const daily = pipeline("daily", { compute: { w: warehouse("abc") } });
    const spark = daily.task("spark", sparkPython("jobs/spark job.py"));
    const flow = daily.task("flow", lakeflowPipeline("orders"));
    const query = daily.task("query", sql({ file: "q.sql" }, { warehouse: "w" }));
    const refused = buildLocal(daily);
    expect(refused.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.taskId])).toEqual([
      ["ORC301", "spark"],
      ["ORC301", "flow"],
      ["ORC301", "query"],
    ]);
    // A file name that is not one plain word is not suggested as is.
    expect(refused.diagnostics[0]?.hint).toContain('`.local({ command: "python3 src/x.py" })`');
    for (const task of [spark, flow, query]) task.local({ command: "true" });
    const built = buildLocal(daily);
    expect(built.diagnostics).toEqual([]);
    expect(built.files.map((file) => file.path)).toEqual(["local/daily.mjs"]);
  });

  it.each([
    ["an empty command", { command: "  " }, "ORC302 `.local({...})` on task `a`: `command` must not be empty", ["overrides", "local", "command"]],
    ["a command that is not a string", { command: 42 }, "ORC302 `.local({...})` on task `a`: `command` must be a string of bash", ["overrides", "local", "command"]],
    ["env that is not an object", { env: ["A=1"] }, "ORC302 `.local({...})` on task `a`: `env` must be an object of strings", ["overrides", "local", "env"]],
    ["an env value that is not a string", { env: { A: 1 } }, "ORC302 `.local({...})` on task `a`: `env.A` must be a string", ["overrides", "local", "env", "A"]],
    ["an env name that is not a variable name", { env: { "1-A": "x" } }, "ORC302 `.local({...})` on task `a`: `env.1-A` is not a valid environment variable name", ["overrides", "local", "env", "1-A"]],
    ["a workingDir that is not a string", { workingDir: false }, "ORC302 `.local({...})` on task `a`: `workingDir` must be a string", ["overrides", "local", "workingDir"]],
    ["an unknown key", { comand: "x" }, "ORC302 `.local({...})` on task `a`: unknown key `comand`; the keys are command, env, workingDir", ["overrides", "local", "comand"]],
  ])("refuses %s in a task's .local()", (_name, overrides, expected, path) => {
    const daily = pipeline("daily", {});
    daily.task("a", sh`true`).local(overrides as never);
    const result = buildLocal(daily);
    expect(problemsOf(result)).toEqual([expect.stringMatching(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))]);
    expect(result.diagnostics[0]?.subject).toEqual({ file: FILE, pipelineId: "daily", taskId: "a", path });
    expect(result.files).toEqual([]);
  });

  it("suggests the key meant", () => {
    const daily = pipeline("daily", {});
    daily.task("a", sh`true`).local({ comand: "x" } as never);
    expect(buildLocal(daily).diagnostics[0]?.hint).toBe("did you mean `command`?");
  });

  it.each([
    ["zero", 0],
    ["a fraction", 1.5],
    ["a string", "2"],
  ])("refuses %s as the pipeline's parallel", (_name, parallel) => {
    const daily = pipeline("daily", {}).local({ parallel } as never);
    daily.task("a", sh`true`);
    const result = buildLocal(daily);
    expect(problemsOf(result)).toEqual(["ORC302 `.local({...})` on pipeline `daily`: `parallel` must be a positive integer"]);
    expect(result.diagnostics[0]?.subject).toEqual({ file: FILE, pipelineId: "daily", path: ["overrides", "local", "parallel"] });
  });

  it("refuses an unknown pipeline key, and a bad environment value once, not once per environment", () => {
    const daily = pipeline("daily", {
      environments: { dev: { overrides: { local: { parallel: -2 } } }, prod: {}, test: {} },
    }).local({ paralel: 2 } as never);
    daily.task("a", sh`true`);
    expect(problemsOf(buildLocal(daily))).toEqual([
      "ORC302 `.local({...})` on pipeline `daily`: unknown key `paralel`; the keys are parallel",
      "ORC302 `overrides.local` of environment `dev`: `parallel` must be a positive integer",
    ]);
  });

  it("refuses a folder outside the output directory", () => {
    const daily = pipeline("daily", {});
    daily.task("a", sh`true`);
    expect(problemsOf(buildLocal(daily, { folder: "../elsewhere" }))).toEqual([expect.stringContaining("ORC302 invalid local option `folder`")]);
    expect(buildLocal(daily, { folder: "bin/runners" }).files.map((file) => file.path)).toEqual(["bin/runners/daily.mjs"]);
  });
});
