// Class: specs that compile but give an Airflow DAG import error. Airflow's own limits (a tag of at
// most 100 characters, a start date that exists and that schedules can step from, 32-bit counts,
// durations whose dates stay in Python's range, BashOperator-only arguments) are located
// diagnostics; whatever compiles loads (real Airflow: test/conformance/airflow/limits.test.ts).
import { compile, lowerToIR, type IR, type LoadedPipeline } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import { describe, expect, it } from "vitest";
import { checkForAirflow } from "../../packages/targets/src/airflow/airflow-checks.js";
import { airflowOptions } from "../../packages/targets/src/airflow/airflow-options.js";

const FILE = "/project/pipeline.json";
const loaded = (spec: Record<string, unknown>): LoadedPipeline[] => [{ file: FILE, projectRoot: "/project", exportName: "default", spec: { id: "limits", tasks: [{ id: "t", action: { kind: "shell", command: "true" } }], ...spec } }];
const build = (spec: Record<string, unknown>, options: Record<string, unknown> = {}) => compile({ loaded: loaded(spec), target: targets.airflow, environment: null, options, orchcVersion: "0.0.0-test" });
const errors = (result: ReturnType<typeof build>) => result.diagnostics.filter((diagnostic) => diagnostic.severity === "error").map(({ code, subject }) => ({ code, path: subject?.path, file: subject?.file, taskId: subject?.taskId }));

describe("airflow: what compiles loads", () => {
  it("a tag over 100 characters is ORC310 at the tag; 100 is fine", () => {
    expect(errors(build({ tags: ["ok", "x".repeat(101)] }))).toEqual([{ code: "ORC310", path: ["tags", 1], file: FILE, taskId: undefined }]);
    expect(errors(build({ tags: ["x".repeat(100)] }))).toEqual([]);
  });

  it("a start date that is not on the calendar, or too near the ends of Python's date range, is refused", () => {
    for (const startDate of ["2024-02-30", "2023-02-29", "2024-13-01", "0001-01-01", "9999-12-31"]) {
      expect(build({}, { startDate }).diagnostics.map((diagnostic) => diagnostic.code), startDate).toEqual(["ORC302"]);
      const override = errors(build({ overrides: { airflow: { startDate } } }));
      expect(override.length, startDate).toBeGreaterThan(0);
      expect(override.every((diagnostic) => diagnostic.file === FILE && diagnostic.path?.join(".") === "overrides.airflow.startDate"), startDate).toBe(true);
    }
    for (const startDate of ["2024-02-29", "1900-01-01", "2999-12-31"]) expect(airflowOptions.safeParse({ startDate }).success, startDate).toBe(true);
  });

  it("durations beyond 1000 years, and counts beyond 32 bits, are ORC310 where they were written", () => {
    const { ir } = lowerToIR(loaded({ timeout: "1h", maxConcurrentRuns: 1, tasks: [{ id: "t", action: { kind: "shell", command: "true" }, timeout: "1h", retries: { count: 1, delay: "1s", backoff: "exponential", maxDelay: "1h" } }] }), null);
    const pipeline = ir!.pipelines[0]!;
    const huge = 1e14;
    const task = { ...pipeline.tasks[0]!, timeoutSeconds: huge, retry: { ...pipeline.tasks[0]!.retry, count: 2 ** 31, delaySeconds: huge, maxDelaySeconds: huge } };
    const big: IR = { ...ir!, pipelines: [{ ...pipeline, timeoutSeconds: huge, maxConcurrentRuns: 2 ** 31, tasks: [task] }] };
    // Errors only: the pipeline timeout also gets its warning (ORC311), the same for any timeout.
    const isError = (diagnostic: { severity: string }) => diagnostic.severity === "error";
    const found = checkForAirflow({ ir: big, options: airflowOptions.parse({}), fileOf: () => FILE }).filter(isError).map(({ code, subject }) => `${code} ${subject?.taskId ?? "-"} ${subject?.path?.join(".")}`);
    expect(found.sort()).toEqual(["ORC310 - maxConcurrentRuns", "ORC310 - timeout", "ORC310 t retries.count", "ORC310 t retries.delay", "ORC310 t retries.maxDelay", "ORC310 t timeout"]);
    expect(checkForAirflow({ ir: ir!, options: airflowOptions.parse({}), fileOf: () => FILE }).filter(isError)).toEqual([]);
  });

  it("BashOperator arguments on a Databricks task, and 32-bit overflows in overrides, are ORC302", () => {
    const notebook = { id: "nb", action: { kind: "notebook", path: "/n" }, compute: "c", overrides: { airflow: { cwd: "/tmp" } } };
    const result = build({ compute: { c: { kind: "existingCluster", id: "x" } }, tasks: [notebook, { id: "t", action: { kind: "shell", command: "true" }, overrides: { airflow: { priority_weight: 2 ** 31 } } }] });
    expect(errors(result).map(({ code, taskId, path }) => `${code} ${taskId} ${path?.join(".")}`).sort()).toEqual(["ORC302 nb airflow.cwd", "ORC302 t airflow"]);
  });
});
