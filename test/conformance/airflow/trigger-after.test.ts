// A pipeline that runs after another, proven with real Airflow (3.3 Assets, 2.10 Datasets): the
// parsed DAGs are scheduled on the upstream's asset (any of several), the upstream's
// `orchc_succeeded` task has it as outlet, and dag.test() of the upstream writes the asset event
// that queues the downstream DAGs, for SUCCESS and PARTIAL runs and not for FAILED ones.
import { targets } from "@orchc/targets";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildCase } from "../../golden/build-case.js";
import { airflowPython, hermeticAirflowEnv, runDagTest, type AirflowMajor } from "./airflow-env.js";

const here = dirname(fileURLToPath(import.meta.url));

interface AssetReport {
  schedules: Record<string, unknown>;
  outlets: Array<[string, string, string]>;
  events: Array<[string, string, string]>;
  queued: Array<[string, string]>;
}

const UPSTREAM = "orchc://pipeline/trigger_upstream";
const DOWNSTREAM = "orchc://pipeline/trigger_downstream";

for (const major of [3, 2] as const satisfies ReadonlyArray<AirflowMajor>) {
  describe.skipIf(airflowPython(major) === null)(`trigger after another pipeline, in Airflow ${major === 3 ? "3.3 (Assets)" : "2.10 (Datasets)"}`, () => {
    const work = mkdtempSync(join(tmpdir(), "orchc-trigger-after-"));
    const airflowEnv = hermeticAirflowEnv();
    afterAll(() => {
      airflowEnv.cleanup();
      rmSync(work, { recursive: true, force: true });
    });

    async function upstreamDag(): Promise<string> {
      const files = await buildCase(join(here, "triggers", "pipeline.ts"), targets.airflow, { airflowVersion: major });
      for (const file of files) {
        mkdirSync(dirname(join(work, file.path)), { recursive: true });
        writeFileSync(join(work, file.path), file.text);
      }
      return join(work, "dags", "trigger_upstream.py");
    }

    const python = (args: string[]) => {
      const result = spawnSync(airflowPython(major)!, args, { env: { ...airflowEnv.env, AIRFLOW__CORE__DAGS_FOLDER: join(work, "dags") }, encoding: "utf8", timeout: 300_000 });
      if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr.slice(-3000)}`);
      return result.stdout;
    };
    const assets = (): AssetReport => JSON.parse(python([join(here, "asset_events.py")])) as AssetReport;

    it("a SUCCESS run of the upstream updates its asset and queues both pipelines after it; a PARTIAL one too; a FAILED one does not", async () => {
      const file = await upstreamDag();
      // 3.3's dag.test() parses the whole DAGs folder into the DB; 2.10's writes nothing there, so the
      // DAGs' dataset references (and the datasets an event needs) are written as a scheduler would.
      if (major === 2) {
        python(["-m", "airflow", "db", "migrate"]);
        python(["-m", "airflow", "dags", "reserialize"]);
      }
      const success = await runDagTest(file, "trigger_upstream", major, { outcome: "success" }, { airflowEnv });
      expect(success.state).toBe("success");
      expect(success.tasks.orchc_succeeded?.state).toBe("success");
      const afterSuccess = assets();
      // trigger_downstream announces its own success too: trigger_either runs after it.
      expect(afterSuccess.outlets).toEqual([["trigger_downstream", "orchc_succeeded", DOWNSTREAM], ["trigger_upstream", "orchc_succeeded", UPSTREAM]]);
      expect(Object.keys(afterSuccess.schedules).sort()).toEqual(["trigger_downstream", "trigger_either"]);
      expect(JSON.stringify(afterSuccess.schedules.trigger_either)).toContain(DOWNSTREAM);
      expect(afterSuccess.schedules.trigger_either).toHaveProperty("any");
      expect(afterSuccess.events).toEqual([[UPSTREAM, "trigger_upstream", "orchc_succeeded"]]);
      expect(afterSuccess.queued).toEqual([["trigger_downstream", UPSTREAM], ["trigger_either", UPSTREAM]]);

      const partial = await runDagTest(file, "trigger_upstream", major, { outcome: "optionalFails" }, { airflowEnv });
      expect(partial.state).toBe("success");
      expect(partial.tasks.stats?.state).toBe("failed");
      expect(partial.tasks.orchc_succeeded?.state).toBe("success");
      expect(assets().events).toHaveLength(2);

      const failed = await runDagTest(file, "trigger_upstream", major, { outcome: "fails" }, { airflowEnv });
      expect(failed.state).toBe("failed");
      expect(failed.tasks.orchc_succeeded?.state).toBe("upstream_failed");
      expect(assets().events).toHaveLength(2);
    }, 600_000);
  });
}
