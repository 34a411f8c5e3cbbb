// Whatever compiles loads: a pipeline at every limit the Airflow target allows (the longest tag,
// the latest and earliest start dates, the longest durations, the largest counts) gives real
// Airflow no import error, and its values read back as written.
import { compile, type LoadedPipeline } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { airflowMissingReason, airflowPython, inspectDags, type AirflowMajor } from "./airflow-env.js";

const LONGEST = 2147483647;
/** The compiler's general limit for retry delays (Databricks' 32-bit milliseconds). */
const LONGEST_DELAY = 2147483;

function edgeSpec(id: string, startDate: string): LoadedPipeline[] {
  const spec = {
    id,
    tags: ["t".repeat(100)],
    schedule: { cron: "0 0 29 2 1", timezone: "UTC" },
    timeout: `${LONGEST}s`,
    maxConcurrentRuns: LONGEST,
    overrides: { airflow: { startDate, max_active_tasks: LONGEST } },
    tasks: [
      { id: "t", action: { kind: "shell", command: "true" }, timeout: `${LONGEST}s`, retries: { count: 100, delay: `${LONGEST_DELAY}s`, backoff: "exponential", maxDelay: `${LONGEST_DELAY}s`, onTimeout: true }, overrides: { airflow: { priority_weight: LONGEST, pool_slots: 1 } } },
    ],
  };
  return [{ file: "/project/pipeline.json", projectRoot: "/project", exportName: "default", spec }];
}

for (const major of [3, 2] as AirflowMajor[]) {
  const python = airflowPython(major);
  if (python === null) console.warn(airflowMissingReason(major));
  describe.skipIf(python === null)(`limits on Airflow ${major === 3 ? "3.3" : "2.10"}`, () => {
    it("DAGs at every limit load, with the values written", async () => {
      const folder = mkdtempSync(join(tmpdir(), "orchc-limits-"));
      try {
        for (const [id, startDate] of [["earliest", "1900-01-01"], ["latest", "2999-12-31"]] as const) {
          const result = compile({ loaded: edgeSpec(id, startDate), target: targets.airflow, environment: null, options: { airflowVersion: major }, orchcVersion: "0.0.0-test" });
          expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
          writeFileSync(join(folder, `${id}.py`), result.files[0]!.contents);
        }
        const inspected = await inspectDags(folder, major);
        expect(inspected.import_errors).toEqual({});
        for (const id of ["earliest", "latest"]) {
          const dag = inspected.dags[id]!;
          expect(dag.tags).toEqual(["t".repeat(100)]);
          expect(dag.dagrun_timeout_seconds).toBe(LONGEST);
          expect(dag.max_active_runs).toBe(LONGEST);
          expect(dag.tasks.t).toMatchObject({ execution_timeout_seconds: LONGEST, retry_delay_seconds: LONGEST_DELAY, max_retry_delay_seconds: LONGEST_DELAY, retries: 100 });
        }
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
}
