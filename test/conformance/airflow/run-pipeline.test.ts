// runPipeline on real Airflow 3.3 and 2.10. dag.test() runs one DAG in-process with no scheduler: a
// TriggerDagRunOperator there creates the other DAG's run ("Dag Run triggered successfully") and then
// waits for a run nothing will execute (observed on 3.3.2: it polled for 12 minutes past a 3-minute
// execution_timeout until killed). So the two halves are proven apart: the operator as Airflow loads
// it from the parent's DAG file, and the child run with exactly the conf that operator passes.
import { targets } from "@orchc/targets";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase } from "../../golden/build-case.js";
import { airflowPython, hermeticAirflowEnv, inspectDags, runDagTest, type InspectResult } from "./airflow-env.js";

const here = dirname(fileURLToPath(import.meta.url));
const MODULE = { 3: "airflow.providers.standard.operators.trigger_dagrun", 2: "airflow.operators.trigger_dagrun" } as const;

for (const major of [3, 2] as const) {
  describe.skipIf(airflowPython(major) === null)(`runPipeline on Airflow ${major === 3 ? "3.3" : "2.10"}`, () => {
    const work = mkdtempSync(join(tmpdir(), "orchc-run-pipeline-"));
    const airflowEnv = hermeticAirflowEnv();
    let inspected: InspectResult;
    beforeAll(async () => {
      for (const file of await buildCase(resolve(here, "run-pipeline", "pipeline.ts"), targets.airflow, { airflowVersion: major })) {
        mkdirSync(dirname(join(work, file.path)), { recursive: true });
        writeFileSync(join(work, file.path), file.text);
      }
      inspected = await inspectDags(join(work, "dags"), major, { airflowEnv });
    }, 300_000);
    afterAll(() => {
      airflowEnv.cleanup();
      rmSync(work, { recursive: true, force: true });
    });

    it("loads the parent's TriggerDagRunOperator with the child, the values, and waiting for SUCCESS", () => {
      expect(inspected.import_errors).toEqual({});
      const task = inspected.dags.rp_parent!.tasks.start_child!;
      expect(task.operator).toBe("TriggerDagRunOperator");
      expect(task.trigger).toEqual({
        trigger_dag_id: "rp_child",
        // Literals keep their Python type, for the child's typed Params; a param of the parent is a template rendered at run time.
        conf: { catalog: "main", days: 7, full: true, mode: "{{ params.mode }}" },
        wait_for_completion: true,
        poke_interval: 10,
        allowed_states: ["success"],
        failed_states: ["failed"],
        fail_when_dag_is_paused: major === 3 ? true : null,
        module: MODULE[major],
      });
    });

    it.each([
      ["ok", "success"],
      ["fail", "failed"],
    ] as const)("runs the child with the conf the operator passes (mode %s): %s, which the parent's task takes as its outcome", async (mode, state) => {
      const conf = { ...inspected.dags.rp_parent!.tasks.start_child!.trigger!.conf, mode };
      const result = await runDagTest(join(work, "dags", "rp_child.py"), "rp_child", major, conf, { airflowEnv });
      expect(result.aborted).toBeNull();
      expect(result.state).toBe(state);
      const workTask = result.tasks.work as (typeof result.tasks)[string] & { rendered_fields: unknown };
      if (major === 3) expect(workTask.rendered_fields).toMatchObject({ env: { ORCHC_PARAM_catalog: "main", ORCHC_PARAM_days: "7", ORCHC_PARAM_full: "true", ORCHC_PARAM_mode: mode } });
    }, 300_000);

    // Airflow 3 only: 2.10's core operator cannot fail on a paused DAG, and would wait for the task's timeout.
    it.skipIf(major === 2)("a paused child fails the task that starts it at once (fail_when_dag_is_paused), and the run", async () => {
      const result = await runDagTest(join(work, "dags", "rp_parent_of_paused.py"), "rp_parent_of_paused", major, undefined, { airflowEnv, timeoutMs: 240_000 });
      expect(result.aborted).toBeNull();
      expect(result.tasks.start_paused!.state).toBe("failed");
      expect(result.state).toBe("failed");
    }, 300_000);
  });
}
