import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile, lowerToIR } from "../../../packages/compiler/src/index.js";
import { readOutput } from "../../../packages/dsl/src/index.js";
import { airflowTarget, databricksTarget, githubActionsTarget, localTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

const shell = (id: string, command: unknown, extra: Record<string, unknown> = {}) => ({ id, action: { kind: "shell", command }, ...extra });
const read = (task: string, name: string) => ({ $output: { task, name } });
const build = (target: Parameters<typeof compile>[0]["target"], spec: unknown) => compile({ loaded: loaded(spec), target, environment: null, options: {}, orchcVersion: "test" });
const codes = (diagnostics: ReadonlyArray<{ code: string; subject?: { taskId?: string; path?: ReadonlyArray<string | number> } }>) => diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.taskId, diagnostic.subject?.path?.join(".")]);

const writerAndReader = {
  id: "p",
  tasks: [shell("count", "./count.sh", { outputs: { rows: "number" } }), shell("check", { $template: ["./check.sh ", read("count", "rows")] })],
};

describe("task outputs", () => {
  it("reading one makes the reader run after the writer, in plain data too", () => {
    const { ir, diagnostics } = lowerToIR(loaded(writerAndReader), null);
    expect(diagnostics).toEqual([]);
    const check = ir!.pipelines[0]!.tasks.find((task) => task.id === "check")!;
    expect(check.dependsOn).toEqual(["count"]);
    expect(ir!.pipelines[0]!.tasks.find((task) => task.id === "count")!.outputs).toEqual([{ name: "rows", type: "number" }]);
  });

  it("refuses an output no task declares, a task reading its own, and a cycle the reads make, at the value", () => {
    const { diagnostics } = lowerToIR(
      loaded({
        id: "p",
        tasks: [
          shell("a", { $template: ["echo ", read("b", "x")] }, { outputs: { y: "string" } }),
          shell("b", { $template: ["echo ", read("a", "y")] }, { outputs: { x: "string" } }),
          shell("c", { $template: ["echo ", read("a", "rows"), read("nope", "x"), read("c", "z")] }, { outputs: { z: "string" } }),
        ],
      }),
      null,
    );
    expect(codes(diagnostics).filter(([code]) => code === "ORC160")).toEqual([
      ["ORC160", "c", "action.command"],
      ["ORC160", "c", "action.command"],
      ["ORC160", "c", "action.command"],
    ]);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain("ORC202");
  });

  it("a read is checked even when no task of the pipeline declares outputs, in a command, an argument or env", () => {
    const { diagnostics } = lowerToIR(
      loaded({
        id: "p",
        tasks: [
          shell("a", "true"),
          shell("b", { $template: ["echo ", read("a", "x")] }),
          { id: "c", action: { kind: "python", script: "c.py", args: [read("a", "y")] } },
          shell("d", "true", { env: { X: read("a", "z") } }),
        ],
      }),
      null,
    );
    expect(codes(diagnostics)).toEqual([
      ["ORC160", "b", "action.command"],
      ["ORC160", "c", "action.args.0"],
      ["ORC160", "d", "env.X"],
    ]);
  });

  it("are read as every target reads them: trailing newlines dropped, of the declared type, UTF-8 without NUL, at most 1 MB", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(readOutput("string", bytes("a\nb\n\n"))).toEqual({ value: "a\nb" });
    expect(readOutput("number", bytes("-1.5e3\n"))).toEqual({ value: "-1.5e3" });
    expect(readOutput("number", bytes("1,5"))).toEqual({ problem: "is declared a number, but holds `1,5`" });
    expect(readOutput("boolean", bytes("True"))).toMatchObject({ problem: expect.stringContaining("boolean") });
    expect(readOutput("list", bytes('{"a":1}'))).toEqual({ problem: "is declared a list, but is not a JSON array" });
    expect(readOutput("string", new Uint8Array([0xff]))).toEqual({ problem: "is not UTF-8 text" });
    expect(readOutput("string", bytes("a\0b"))).toMatchObject({ problem: expect.stringContaining("NUL") });
    expect(readOutput("string", new Uint8Array(1_000_001).fill(0x61))).toMatchObject({ problem: expect.stringContaining("more than") });
  });

  it("on Databricks are task values: readers get {{tasks.<task>.values.<name>}}, a task key with `-` in backticks", () => {
    const result = build(databricksTarget, {
      id: "p",
      compute: { jobs: { kind: "serverless" } },
      defaultCompute: "jobs",
      tasks: [
        { id: "count-rows", action: { kind: "notebook", path: "src/count.py" }, outputs: { rows: "number" } },
        { id: "report", action: { kind: "sparkPython", file: "src/report.py", args: ["--rows", read("count-rows", "rows")] } },
      ],
    });
    expect(result.diagnostics).toEqual([]);
    const job = parse(result.files.find((file) => file.path === "resources/p.job.yml")!.contents).resources.jobs.p;
    expect(job.tasks[1]).toMatchObject({ depends_on: [{ task_key: "count-rows" }], spark_python_task: { parameters: ["--rows", "{{tasks.`count-rows`.values.rows}}"] } });
  });

  it("are refused on a task that cannot write them there (ORC163): SQL on Databricks, a notebook run from Airflow", () => {
    const sqlWriter = { id: "p", compute: { wh: { kind: "warehouse", id: "abc" } }, tasks: [{ id: "q", action: { kind: "sql", file: "q.sql", warehouse: "wh" }, compute: "wh", outputs: { n: "number" } }] };
    expect(codes(build(databricksTarget, sqlWriter).diagnostics)).toEqual([["ORC163", "q", "outputs"]]);
    const notebookWriter = { id: "p", compute: { jobs: { kind: "serverless" } }, defaultCompute: "jobs", tasks: [{ id: "n", action: { kind: "notebook", path: "n.py" }, outputs: { n: "number" } }] };
    expect(codes(build(airflowTarget, notebookWriter).diagnostics)).toEqual([["ORC163", "n", "outputs"]]);
  });

  it("on GitHub Actions travel as job outputs into the reader's step env; locally the plan says what each task writes and reads", () => {
    const workflow = parse(build(githubActionsTarget, writerAndReader).files[0]!.contents);
    expect(workflow.jobs.count.outputs).toEqual({ rows: "${{ steps.task.outputs.rows }}" });
    expect(workflow.jobs.check.needs).toEqual(["count"]);
    expect(workflow.jobs.check.steps.at(-1).env.ORCHC_OUTPUT_count_rows).toBe("${{ needs.count.outputs.rows }}");
    const runner = build(localTarget, writerAndReader).files[0]!.contents;
    expect(runner).toContain(`"outputs": [\n        {\n          "name": "rows",\n          "type": "number"\n        }\n      ]`);
    expect(runner).toContain(`"reads": [\n        {\n          "task": "count",\n          "name": "rows"\n        }\n      ]`);
  });
});
