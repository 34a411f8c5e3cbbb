// What every task of a DAG says alike is said once, in default_args; what a task says differently
// stays on the task. Airflow applies default_args itself (conformance loads the DAGs); these pin
// what is written.
import { describe, expect, it } from "vitest";
import { pipeline, sh, type PipelineDefinition } from "../../../packages/dsl/src/index.js";
import { compile, lowerToIR } from "../../../packages/compiler/src/index.js";
import { airflowTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

const dagOf = (definition: PipelineDefinition) => {
  const result = compile({ loaded: loaded(definition.toSpec()), target: airflowTarget, environment: null, options: {}, orchcVersion: "test" });
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  return result.files[0]!.contents;
};
const taskCall = (dag: string, id: string) => new RegExp(`    ${id} = \\w+\\(\\n([\\s\\S]*?)\\n    \\)`).exec(dag)![1]!;

describe("Airflow: defaults said once", () => {
  it("no retries and no skip exit code in default_args; a task with retries says its own", () => {
    const daily = pipeline("daily", {});
    daily.task("b", sh`./b.sh`).after(daily.task("a", sh`./a.sh`)).retries(2, { delay: "30s" });
    const dag = dagOf(daily);
    expect(dag).toContain('    default_args={\n        "retries": 0,\n        "skip_on_exit_code": None,\n    },');
    expect(taskCall(dag, "a")).not.toMatch(/retries|skip_on_exit_code/);
    expect(taskCall(dag, "b")).toContain("retries=2,");
    expect(taskCall(dag, "b")).not.toContain("skip_on_exit_code");
  });

  it("defines the no-retry-on-timeout policy once and names it in each task that needs it", () => {
    const daily = pipeline("daily", {});
    for (const id of ["a", "b", "c"]) daily.task(id, sh`./${id}.sh`).retries(1).timeout("1m");
    daily.task("d", sh`./d.sh`).retries(1, { onTimeout: true }).timeout("1m");
    const dag = dagOf(daily);
    expect(dag.match(/ExceptionRetryPolicy\(/g)).toHaveLength(1);
    expect(dag.match(/retry_policy=orchc_no_retry_on_timeout,/g)).toHaveLength(3);
    expect(taskCall(dag, "d")).not.toContain("retry_policy");
    expect(dag.indexOf("orchc_no_retry_on_timeout = ExceptionRetryPolicy(")).toBeLessThan(dag.indexOf("with DAG("));
  });

  it("merges a pipeline's own default_args over orchc's, key by key", () => {
    const daily = pipeline("daily", { owner: "ops" });
    daily.task("a", sh`./a.sh`);
    const { ir } = lowerToIR(loaded(daily.toSpec()), null);
    const edited = { ...ir!, pipelines: ir!.pipelines.map((node) => ({ ...node, overrides: { ...node.overrides, airflow: { default_args: { retries: 3, pool: "etl" } } } })) };
    const [file] = airflowTarget.emit(edited, { options: airflowTarget.options.parse({}), orchcVersion: "test" });
    expect(file!.contents).toContain('    default_args={\n        "owner": "ops",\n        "retries": 3,\n        "skip_on_exit_code": None,\n        "pool": "etl",\n    },');
  });
});
