import { describe, expect, it } from "vitest";
import { pipeline, sh, type PipelineDefinition } from "../../../packages/dsl/src/index.js";
import { compile } from "../../../packages/compiler/src/index.js";
import { airflowTarget } from "../../../packages/targets/src/index.js";
import { FILE, loaded } from "../compiler/lower-helpers.js";

const buildAirflow = (definition: PipelineDefinition, options: Record<string, unknown> = {}) =>
  compile({ loaded: loaded(definition.toSpec()), target: airflowTarget, environment: null, options, orchcVersion: "test" });
const dagOf = (definition: PipelineDefinition, options: Record<string, unknown> = {}) => {
  const result = buildAirflow(definition, options);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  return result.files[0]!.contents;
};

describe("Airflow: pipeline timeout, run status watcher, optional timeouts", () => {
  it("warns (ORC311) that a pipeline timeout is the scheduler's alone, and still builds", () => {
    const daily = pipeline("daily", { timeout: "3h" });
    daily.task("a", sh`echo a`);
    const result = buildAirflow(daily);
    expect(result.files.map((file) => file.path)).toEqual(["dags/daily.py"]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: "ORC311", severity: "warning", subject: { file: FILE, pipelineId: "daily", path: ["timeout"] } });
    expect(result.diagnostics[0]!.message).toContain("manually triggered");
    expect(result.diagnostics[0]!.message).toContain("`airflow dags test`");
    expect(result.diagnostics[0]!.hint).toContain("docs/airflow.md");
    const untimed = pipeline("untimed", {});
    untimed.task("a", sh`echo a`);
    expect(buildAirflow(untimed).diagnostics).toEqual([]);
  });

  it("adds the one_failed watcher only where a task can run after a critical failure", () => {
    const chain = pipeline("chain", {});
    chain.task("b", sh`echo b`).after(chain.task("a", sh`echo a`)).runIf("noneFailed");
    expect(dagOf(chain)).not.toContain("orchc_watcher");

    const behindOptional = pipeline("behind_optional", {});
    behindOptional.task("cleanup", sh`echo c`).after(behindOptional.task("o", sh`exit 1`).optional()).runIf("allDone");
    expect(dagOf(behindOptional)).not.toContain("orchc_watcher");

    const cleanup = pipeline("cleanup", {});
    const a = cleanup.task("a", sh`echo a`);
    const o = cleanup.task("o", sh`exit 1`).after(a).optional();
    cleanup.task("done", sh`echo done`).after(o).runIf("allDone");
    cleanup.task("orchc_watcher", sh`echo mine`);
    const dag = dagOf(cleanup);
    // A task of that name keeps it; the watcher takes the next; optional tasks are not watched.
    expect(dag).toContain('task_id="orchc_watcher_2"');
    expect(dag).toContain('trigger_rule="one_failed"');
    expect(dag.match(/>> orchc_watcher_2$/gm)).toHaveLength(3);
    expect(dag).not.toMatch(/^ {4}o >> orchc_watcher_2$/m);
  });

  it("ends optional leaves with an all_done task, and lets rules read an optional task's failure as a failure", () => {
    const lab = pipeline("lab", {});
    const a = lab.task("a", sh`echo a`);
    const report = lab.task("report", sh`exit 1`).after(a).optional();
    lab.task("alert", sh`echo alert`).after(report).runIf("atLeastOneFailed").optional();
    const dag = dagOf(lab);
    expect(dag).toContain('task_id="orchc_optional_end"');
    expect(dag).toMatch(/^ {4}alert >> orchc_optional_end$/m);
    // Behind it a critical failure of `a` would be masked: the watcher comes too.
    expect(dag).toMatch(/^ {4}a >> orchc_watcher$/m);
    expect(dag).not.toContain("skip_on_exit_code=99");
  });

  it("times an optional task out like any task: execution_timeout, and Airflow 2 refuses a timeout it would retry", () => {
    const lab = pipeline("lab", {});
    lab.task("report", sh`sleep 30`).optional().timeout("2s").retries(2, { delay: "1s" });
    expect(dagOf(lab)).toContain("execution_timeout=datetime.timedelta(seconds=2)");
    expect(buildAirflow(lab, { airflowVersion: 2 }).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC301"]);
  });
});
