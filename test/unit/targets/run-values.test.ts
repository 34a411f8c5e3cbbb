import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile, lowerToIR } from "../../../packages/compiler/src/index.js";
import { concat, run, sh } from "../../../packages/dsl/src/index.js";
import { airflowTarget, databricksTarget, githubActionsTarget, localTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

const notebookTask = (params: Record<string, unknown>) => ({ id: "nb", compute: "jobs", action: { kind: "notebook", path: "src/nb.py", params } });
const onServerless = (...tasks: unknown[]) => ({ id: "p", compute: { jobs: { kind: "serverless" } }, tasks });
const build = (target: Parameters<typeof compile>[0]["target"], ...specs: unknown[]) => compile({ loaded: loaded(...specs), target, environment: null, options: {}, orchcVersion: "test" });
const codes = (result: { diagnostics: ReadonlyArray<{ code: string; subject?: { taskId?: string; path?: ReadonlyArray<string | number> } }> }) =>
  result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.taskId, diagnostic.subject?.path]);

describe("run values (run.id, run.date)", () => {
  it("are plain data in a pipeline file: `{ $run: \"id\" | \"date\" }`, anything else refused at the value", () => {
    const accepted = lowerToIR(loaded({ id: "p", tasks: [{ id: "t", action: { kind: "shell", command: { $template: ["echo ", { $run: "id" }, " ", { $run: "date" }] } } }] }), null);
    expect(accepted.diagnostics).toEqual([]);
    expect(accepted.ir!.pipelines[0]!.tasks[0]!.action).toEqual({
      kind: "shell",
      command: { kind: "template", parts: [{ kind: "text", text: "echo " }, { kind: "run", name: "id" }, { kind: "text", text: " " }, { kind: "run", name: "date" }] },
    });
    const refused = lowerToIR(loaded({ id: "p", tasks: [{ id: "t", action: { kind: "shell", command: { $run: "start" } } }] }), null);
    expect(codes(refused)).toEqual([["ORC105", "t", ["action", "command"]]]);
  });

  it("the DSL's run.id and run.date are those values, and stay references in sh and concat", () => {
    expect(run).toEqual({ id: { $run: "id" }, date: { $run: "date" } });
    expect(sh`load --day ${run.date}`).toEqual({ kind: "shell", command: { $template: ["load --day ", { $run: "date" }] } });
    expect(concat("b-", run.id)).toEqual({ $template: ["b-", { $run: "id" }] });
  });

  it("become Databricks' dynamic value references in task parameters, which its `{{` check tells from the user's", () => {
    const result = build(databricksTarget, onServerless(notebookTask({ run: { $run: "id" }, day: { $template: ["d=", { $run: "date" }] } })));
    expect(result.diagnostics).toEqual([]);
    const job = parse(result.files.find((file) => file.path === "resources/p.job.yml")!.contents).resources.jobs.p;
    expect(job.tasks[0].notebook_task.base_parameters).toEqual({ run: "{{job.run_id}}", day: "d={{job.trigger.time.iso_date}}" });
    // A `{` of the user's before orchc's reference still makes `{{{`, which Jobs would read its own way.
    const assembled = build(databricksTarget, onServerless(notebookTask({ run: { $template: ["{", { $run: "id" }] } })));
    expect(codes(assembled)).toEqual([["ORC330", "nb", ["action", "params", "run"]]]);
  });

  it("run.date is refused on GitHub Actions at the first value of each task that uses it; run.id is written from github.run_id", () => {
    const both = { id: "p", tasks: [{ id: "t", action: { kind: "shell", command: { $template: ["echo ", { $run: "id" }] } }, env: { A: { $run: "date" }, B: { $run: "date" } } }] };
    expect(codes(build(githubActionsTarget, both))).toEqual([["ORC301", "t", ["env", "A"]]]);
    const idOnly = build(githubActionsTarget, { id: "p", tasks: [{ id: "t", action: { kind: "shell", command: { $template: ["echo ", { $run: "id" }] } } }] });
    expect(idOnly.diagnostics).toEqual([]);
    const workflow = parse(idOnly.files[0]!.contents);
    expect(workflow.jobs.t.steps.at(-1).env.ORCHC_RUN_ID).toBe("${{ github.run_id }}");
  });

  it("reach a shell task through ORCHC_RUN_ID and ORCHC_RUN_DATE on Airflow and locally, set only when used", () => {
    const spec = { id: "p", tasks: [{ id: "t", action: { kind: "shell", command: { $template: ["echo ", { $run: "date" }] } } }, { id: "u", action: { kind: "shell", command: "echo plain" } }] };
    const dag = build(airflowTarget, spec).files[0]!.contents;
    expect(dag).toContain(`"ORCHC_RUN_DATE": "{{ (dag_run.logical_date if dag_run.run_type == 'manual' and dag_run.logical_date else data_interval_end) | ds }}"`);
    expect(dag.match(/ORCHC_RUN_/g)).toHaveLength(2);
    const runner = build(localTarget, spec).files[0]!.contents;
    expect(runner).toContain(`"script": "echo \\"\${ORCHC_RUN_DATE}\\""`);
  });

  it("warns (ORC141) when a run value sits inside single quotes in sh, where bash would print the variable's name", () => {
    const { diagnostics } = lowerToIR(loaded({ id: "p", tasks: [{ id: "t", action: sh`echo 'batch ${run.id}'` }] }), null);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.value])).toEqual([["ORC141", "run.id"]]);
  });
});

describe("Databricks' own references (databricksRef, databricksValue) in task values", () => {
  const sparkTask = (args: unknown[]) => ({ id: "py", compute: "jobs", action: { kind: "sparkPython", file: "src/job.py", args } });

  it("are written as `${…}` and `{{…}}` in a bundle, even beside text, and only there", () => {
    const spec = onServerless(notebookTask({ target: { $databricks: "bundle.target" }, owner: { $template: ["user-", { $databricks: "workspace.current_user.short_name" }] }, rows: { $databricksValue: "tasks.a.values.rows" } }));
    const result = build(databricksTarget, spec);
    expect(result.diagnostics).toEqual([]);
    const job = parse(result.files.find((file) => file.path === "resources/p.job.yml")!.contents).resources.jobs.p;
    expect(job.tasks[0].notebook_task.base_parameters).toEqual({ target: "${bundle.target}", owner: "user-${workspace.current_user.short_name}", rows: "{{tasks.a.values.rows}}" });
    for (const target of [airflowTarget, localTarget, githubActionsTarget]) {
      const refusals = build(target, spec).diagnostics.filter((diagnostic) => diagnostic.message.includes("the Databricks reference"));
      expect(refusals.map((diagnostic) => [diagnostic.code, diagnostic.subject?.path, diagnostic.message.split(",")[0]])).toEqual([["ORC301", ["action", "params", "target"], "task `nb` uses the Databricks reference `${bundle.target}`"]]);
    }
  });

  it("still refuse a reference the user's text makes around them, and a path the CLI cannot read", () => {
    const result = build(databricksTarget, onServerless(sparkTask([
      { $template: ["${var.x}-", { $databricks: "bundle.target" }] },
      { $template: ["{", { $databricksValue: "job.id" }] },
      { $databricks: "var.two words" },
    ])));
    expect(codes(result)).toEqual([
      ["ORC301", "py", ["action", "args", 2]],
      ["ORC301", "py", ["action", "args", 0]],
      ["ORC330", "py", ["action", "args", 1]],
    ]);
  });

  it("are data in a pipeline file: a dynamic value path is dot-separated names, anything else refused at the value", () => {
    const refused = lowerToIR(loaded(onServerless(sparkTask([{ $databricksValue: "job.run_id}} {{x" }]))), null);
    expect(codes(refused)).toEqual([["ORC105", "py", ["action", "args", 0, "$databricksValue"]]]);
  });
});
