// A bundle task leaves out each retry field that equals Databricks' default (no retries, retried
// at once, a timed-out attempt not retried), which is also orchc's.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile } from "../../../packages/compiler/src/index.js";
import { databricksTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

const notebookTask = (id: string, extra: Record<string, unknown> = {}) => ({ id, action: { kind: "notebook", path: "src/nb.py" }, ...extra });

function tasksOf(spec: unknown): Record<string, Record<string, unknown>> {
  const result = compile({ loaded: loaded(spec), target: databricksTarget, environment: null, options: {}, orchcVersion: "test" });
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  const job = result.files.find((file) => file.path.endsWith(".job.yml"))!;
  const tasks = (parse(job.contents) as { resources: { jobs: Record<string, { tasks: Array<Record<string, unknown>> }> } }).resources.jobs.p!.tasks;
  return Object.fromEntries(tasks.map((task) => [task.task_key as string, task]));
}

const RETRY_KEYS = ["max_retries", "min_retry_interval_millis", "retry_on_timeout"];
const retryFields = (task: Record<string, unknown>) => Object.fromEntries(RETRY_KEYS.filter((key) => key in task).map((key) => [key, task[key]]));

describe("Databricks: retry fields only where they differ from the default", () => {
  it("writes each retry field only when it is not Databricks' default", () => {
    const tasks = tasksOf({
      id: "p",
      tasks: [
        notebookTask("plain"),
        notebookTask("delayed", { retries: { count: 2, delay: "30s" } }),
        notebookTask("at_once", { retries: { count: 1, delay: "0s", onTimeout: true }, timeout: "1m" }),
        notebookTask("timeout_only", { timeout: "1m" }),
      ],
    });
    expect(retryFields(tasks.plain!)).toEqual({});
    expect(retryFields(tasks.delayed!)).toEqual({ max_retries: 2, min_retry_interval_millis: 30_000 });
    expect(retryFields(tasks.at_once!)).toEqual({ max_retries: 1, retry_on_timeout: true });
    expect(retryFields(tasks.timeout_only!)).toEqual({});
    expect(tasks.timeout_only!.timeout_seconds).toBe(60);
  });
});
