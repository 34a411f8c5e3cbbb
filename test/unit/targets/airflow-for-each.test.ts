// For-each tasks in the DAG file: dynamic task mapping over the item as a non-templated argument,
// an items step for a list known at run time, and the item wherever a templated field reads it.
// test/conformance/cross-target/for-each-airflow.test.ts runs the shared fixture on real Airflow.
import { describe, expect, it } from "vitest";
import { concat, item, notebook, params, pipeline, secrets, serverless, sh, type PipelineDefinition } from "../../../packages/dsl/src/index.js";
import { compile } from "../../../packages/compiler/src/index.js";
import { airflowTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

const dagOf = (definition: PipelineDefinition, options: Record<string, unknown> = {}) => {
  const result = compile({ loaded: loaded(definition.toSpec()), target: airflowTarget, environment: null, options, orchcVersion: "test" });
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  return result.files[0]!.contents;
};
/** The text of `variable = ...` up to the next blank line. */
const statement = (dag: string, variable: string) => new RegExp(`\\n    ${variable} = ([\\s\\S]*?)\\n(\\n|$)`).exec(dag)![1]!;

const p = params({ days: { type: "string", default: '["2026-12-01"]' } });

describe("Airflow: for-each tasks", () => {
  it("maps over a written list as written: the item is an argument Airflow never renders", () => {
    const daily = pipeline("daily", {});
    daily.task("export", sh`./export.sh ${item}`).forEach(["{{ ds }}", 3], { concurrency: 2 });
    const dag = dagOf(daily);
    expect(statement(dag, "export")).toContain('OrchcForEachBashOperator.partial(\n        task_id="export",');
    expect(statement(dag, "export")).toContain('    ).expand(\n        orchc_item=[\n            "{{ ds }}",\n            "3",\n        ],\n    )');
    expect(statement(dag, "export")).toContain('"ORCHC_ITEM": "{{ task.orchc_item }}",');
    expect(statement(dag, "export")).toContain("max_active_tis_per_dagrun=2,");
    expect(dag).toContain("class OrchcForEachBashOperator(BashOperator):");
    expect(dag).not.toContain("PythonOperator");
    // No items step, so no marker to look for, and nothing to import for it.
    expect(dag).not.toContain("orchc_invalid_list");
    expect(dag).not.toContain("AirflowFailException");
  });

  it("reads a list known at run time in an items step that takes the task's upstreams, rule and group", () => {
    const daily = pipeline("daily", { params: p });
    const first = daily.task("first", sh`./first.sh`);
    daily.task("backfill", sh`./backfill.sh ${item}`).forEach(p.days).after(first).runIf("allDone").group("late").retries(2);
    const dag = dagOf(daily);
    const step = statement(dag, "backfill__items");
    expect(step).toContain('PythonOperator(\n        task_id="backfill__items",\n        python_callable=orchc_items(\n            param="days",\n        ),');
    expect(step).toContain('trigger_rule="all_done",');
    expect(step).toContain("task_group=group_late,");
    expect(step).toContain("retries=0,");
    const mapped = statement(dag, "backfill");
    expect(mapped).not.toContain("trigger_rule");
    expect(mapped).toContain("retries=2,");
    expect(mapped).toContain("orchc_item=backfill__items.output,");
    expect(dag).toContain("    first >> backfill__items\n    backfill__items >> backfill\n");
    expect(dag).toContain("from airflow.providers.standard.operators.python import PythonOperator");
    expect(dagOf(daily, { airflowVersion: 2 })).toContain("from airflow.operators.python import PythonOperator");
    expect(dag).toMatch(/^import json$/m);
  });

  it("hands a list that is no JSON array of strings to the task as one marker item, whose iteration fails at once without a retry", () => {
    const daily = pipeline("daily", { params: p });
    daily.task("backfill", sh`./backfill.sh ${item}`).forEach(p.days);
    daily.task("export", sh`./export.sh ${item}`).forEach(["eu"]);
    const dag = dagOf(daily);
    // The step does not fail: it returns the marker, the one item the task then maps over.
    expect(dag).toContain('            return [{"orchc_invalid_list": message}]\n        return values\n');
    expect(dag).not.toContain("raise ValueError");
    // Before super().__init__: the hook that fails replaces the task's own pre_execute hook, so
    // nothing runs before it on either major, and the templates read a str.
    expect(dag).toContain(
      [
        "    def __init__(self, *, orchc_item, **kwargs):",
        "        if isinstance(orchc_item, dict):",
        "            # The items step found no JSON array of strings: fail before any hook or",
        "            # command runs, with no retry (the list would not change).",
        '            message = orchc_item["orchc_invalid_list"]',
        "",
        "            def fail(context):",
        "                raise AirflowFailException(message)",
        "",
        '            kwargs["pre_execute"] = fail',
        '            orchc_item = ""',
        "        super().__init__(**kwargs)",
        "        self.orchc_item = orchc_item",
      ].join("\n"),
    );
    // One class serves both tasks, the one over a written list included.
    expect(dag.match(/^class OrchcForEach/gm)).toHaveLength(1);
    expect(dag).toMatch(/^from airflow\.sdk\.exceptions import AirflowFailException$/m);
    expect(dagOf(daily, { airflowVersion: 2 })).toMatch(/^from airflow import DAG\nfrom airflow\.exceptions import AirflowFailException$/m);
  });

  it("checks for the marker only in the classes of operators that map over an items step", () => {
    const daily = pipeline("daily", { params: p, compute: { jobs: serverless() } });
    daily.task("load", notebook("src/load.py", { partition: item })).forEach(p.days).compute("jobs");
    daily.task("export", sh`./export.sh ${item}`).forEach(["eu"]);
    const dag = dagOf(daily);
    const classOf = (operator: string) => new RegExp(`^class OrchcForEach${operator}\\(${operator}\\):\\n([\\s\\S]*?)\\n\\n\\n`, "m").exec(dag)![1]!;
    expect(classOf("DatabricksSubmitRunOperator")).toContain("isinstance(orchc_item, dict)");
    expect(classOf("BashOperator")).not.toContain("isinstance(orchc_item, dict)");
  });

  it("pulls an output's list from the writer's id in its group, and keeps the step's id apart from a task's", () => {
    const daily = pipeline("daily", {});
    const list = daily.task("list", sh`./list.sh > "$ORCHC_OUTPUTS/parts"`).outputs({ parts: "list" }).group("prep");
    daily.task("fan__items", sh`./other.sh`);
    daily.task("fan", sh`./fan.sh ${item}`).forEach(list.output.parts);
    const dag = dagOf(daily);
    expect(dag).toContain('task_id="fan__items_2",');
    expect(dag).toContain('output=("prep.list", "parts"),');
    expect(dag).toContain("orchc_item=fan__items_2.output,");
  });

  it("gives the item to env values, secrets' included, through the same expression", () => {
    const s = secrets({ token: {} });
    const daily = pipeline("daily", { secrets: s });
    daily.task("load", sh`./load.sh`).env({ PARTITION: concat("p=", item), AUTH: concat(s.token, ":", item) }).forEach(["a"]);
    const dag = dagOf(daily);
    expect(statement(dag, "load")).toContain('"PARTITION": "p={{ task.orchc_item }}",');
    expect(statement(dag, "load")).toMatch(/"AUTH": \[\s*\[\s*"secret",\s*"token",\s*\],\s*\[\s*"text",\s*":",\s*\],\s*\[\s*"expression",\s*"\{\{ task\.orchc_item \}\}",\s*\],\s*\]/);
  });

  it("maps a Databricks run per item, the item in its rendered json", () => {
    const daily = pipeline("daily", { compute: { jobs: serverless() }, defaultCompute: "jobs" });
    daily.task("load", notebook("src/load.py", { partition: item })).forEach(["eu", "us"], { concurrency: 2 });
    const dag = dagOf(daily);
    expect(dag).toContain("class OrchcForEachDatabricksSubmitRunOperator(DatabricksSubmitRunOperator):");
    expect(statement(dag, "load")).toContain("OrchcForEachDatabricksSubmitRunOperator.partial(");
    expect(statement(dag, "load")).toContain('"partition": "{{ task.orchc_item }}",');
  });

  it("names a task variable its id cannot be with a note for ruff's AIR001", () => {
    const daily = pipeline("daily", {});
    daily.task("list-parts", sh`./list.sh`);
    expect(dagOf(daily)).toContain('    list_parts = BashOperator(  # noqa: AIR001\n        task_id="list-parts",');
  });
});
