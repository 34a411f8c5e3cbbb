import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile } from "../../../packages/compiler/src/index.js";
import { databricksTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

const item = { $item: true };
const notebookTask = (id: string, extra: Record<string, unknown> = {}) => ({ id, action: { kind: "notebook", path: "src/nb.py", params: { part: item } }, ...extra });
const build = (spec: unknown) => compile({ loaded: loaded(spec), target: databricksTarget, environment: null, options: {}, orchcVersion: "test" });
const errors = (spec: unknown) => build(spec).diagnostics.filter((diagnostic) => diagnostic.severity === "error").map((diagnostic) => [diagnostic.code, diagnostic.subject?.taskId, diagnostic.subject?.path?.join(".")]);
const tasksOf = (spec: unknown): Array<Record<string, unknown>> => {
  const result = build(spec);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  const job = result.files.find((file) => file.path === "resources/p.job.yml")!.contents;
  return (parse(job) as { resources: { jobs: { p: { tasks: Array<Record<string, unknown>> } } } }).resources.jobs.p.tasks;
};

describe("for-each tasks on Databricks", () => {
  it("the outer task keeps the key, dependencies, rule and overrides; the nested task the work, its retries and timeout; concurrency always written", () => {
    const tasks = tasksOf({
      id: "p",
      tasks: [
        { id: "first", action: { kind: "notebook", path: "src/nb.py" } },
        notebookTask("fan", { after: ["first"], runIf: "allDone", forEach: { items: ["eu", 7] }, retries: { count: 2, delay: "1m" }, timeout: "10m", overrides: { databricks: { email_notifications: { on_failure: ["a@b.c"] } } } }),
      ],
    });
    expect(tasks[1]).toEqual({
      task_key: "fan",
      depends_on: [{ task_key: "first" }],
      run_if: "ALL_DONE",
      for_each_task: {
        inputs: '["eu","7"]',
        concurrency: 1,
        task: { task_key: "fan_iteration", notebook_task: { notebook_path: "../src/nb.py", base_parameters: { part: "{{input}}" } }, max_retries: 2, min_retry_interval_millis: 60_000, timeout_seconds: 600 },
      },
      email_notifications: { on_failure: ["a@b.c"] },
    });
  });

  it("a param list is the job parameter, an output list the writer's task value", () => {
    const tasks = tasksOf({
      id: "p",
      params: { days: { type: "string", default: '["a"]' } },
      tasks: [
        { id: "list-parts", action: { kind: "notebook", path: "src/list.py" }, outputs: { parts: "list" } },
        notebookTask("by_output", { forEach: { items: { $output: { task: "list-parts", name: "parts" } }, concurrency: 100 } }),
        notebookTask("by_param", { forEach: { items: { $param: "days" } } }),
      ],
    });
    expect(tasks[1]!.for_each_task).toMatchObject({ inputs: "{{tasks.`list-parts`.values.parts}}", concurrency: 100 });
    expect(tasks[1]!.depends_on).toEqual([{ task_key: "list-parts" }]);
    expect(tasks[2]!.for_each_task).toMatchObject({ inputs: "{{job.parameters.days}}" });
  });

  it("refuses more than 100 at once, a written list past 10,000 characters, an item Jobs would read as a reference, and a task taking the nested key", () => {
    expect(
      errors({
        id: "p",
        tasks: [
          notebookTask("wide", { forEach: { items: ["a"], concurrency: 101 } }),
          notebookTask("long", { forEach: { items: Array.from({ length: 1000 }, (_, index) => `partition-${index}`) } }),
          notebookTask("braces", { forEach: { items: ["{{job.run_id}}"] } }),
          notebookTask("load", { forEach: { items: ["a"] } }),
          { id: "load_iteration", action: { kind: "notebook", path: "src/nb.py" } },
        ],
      }),
    ).toEqual([
      ["ORC330", "braces", "forEach.items.0"],
      ["ORC301", "wide", "forEach.concurrency"],
      ["ORC301", "long", "forEach.items"],
      ["ORC348", "load_iteration", "id"],
    ]);
  });
});
