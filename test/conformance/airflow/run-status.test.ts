// orchc's run status (DESIGN.md: FAILED if a critical task failed or did not run because one
// before it failed; PARTIAL if only optional tasks failed) on real Airflow, whose dag.test() judges
// a run by its leaves: the status watcher (status-watcher.ts) is what makes the two agree.
import { targets } from "@orchc/targets";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildCase } from "../../golden/build-case.js";
import { airflowPython, hermeticAirflowEnv, runDagTest } from "./airflow-env.js";

const here = dirname(fileURLToPath(import.meta.url));
const WATCHER = "orchc_watcher";

interface Case {
  /** Airflow's task states, the watcher's included (absent: orchc adds none). */
  readonly tasks: Record<string, string>;
  /** Airflow's run state: "failed" is orchc's FAILED, "success" its SUCCESS or PARTIAL. */
  readonly run: "failed" | "success";
  /** The try number a task ended on, where it matters. */
  readonly tries?: Record<string, number>;
}

const CASES: Record<string, Case> = {
  status_all_done_cleanup: { tasks: { a: "failed", cleanup: "success", [WATCHER]: "failed" }, run: "failed" },
  status_one_failed_alert: { tasks: { a: "failed", alert: "success", [WATCHER]: "failed" }, run: "failed" },
  status_all_failed: { tasks: { a: "failed", recover: "success", [WATCHER]: "failed" }, run: "failed" },
  status_one_success: { tasks: { a: "failed", b: "success", either: "success", [WATCHER]: "failed" }, run: "failed" },
  status_upstream_failed: { tasks: { a: "failed", b: "upstream_failed", cleanup: "success", [WATCHER]: "failed" }, run: "failed" },
  // PARTIAL: the optional task's failure ends skipped on its last attempt, and sets nothing off.
  status_optional_cleanup: { tasks: { o: "skipped", cleanup: "success" }, run: "success" },
  status_optional_chain: { tasks: { o: "skipped", publish: "skipped", c: "success", cleanup: "success", [WATCHER]: "skipped" }, run: "success" },
  status_all_good: { tasks: { a: "success", cleanup: "success", [WATCHER]: "skipped" }, run: "success" },
  // An optional task's timeout is its wrapper's: each attempt stopped after 2 s, retried, then skipped (PARTIAL).
  status_optional_timeout: { tasks: { slow: "skipped", publish: "skipped", c: "success", cleanup: "success", [WATCHER]: "skipped" }, run: "success", tries: { slow: 2 } },
  status_optional_timeout_once: { tasks: { slow: "skipped", c: "success", cleanup: "success", [WATCHER]: "skipped" }, run: "success", tries: { slow: 1 } },
};

for (const major of [3, 2] as const) {
  describe.skipIf(airflowPython(major) === null)(`run status on Airflow ${major === 3 ? "3.3" : "2.10"} (dag.test())`, () => {
    const work = mkdtempSync(join(tmpdir(), "orchc-run-status-"));
    const airflowEnv = hermeticAirflowEnv();
    afterAll(() => {
      airflowEnv.cleanup();
      rmSync(work, { recursive: true, force: true });
    });
    let built: Promise<void> | null = null;
    const build = () =>
      (built ??= buildCase(resolve(here, "run-status", "pipeline.ts"), targets.airflow, { airflowVersion: major }).then((files) => {
        for (const file of files) {
          mkdirSync(dirname(join(work, file.path)), { recursive: true });
          writeFileSync(join(work, file.path), file.text);
        }
      }));

    for (const [dagId, expected] of Object.entries(CASES)) {
      it(`${dagId}: ${expected.run === "failed" ? "FAILED" : "not FAILED"}`, async () => {
        await build();
        const result = await runDagTest(join(work, "dags", `${dagId}.py`), dagId, major, undefined, { airflowEnv });
        expect(result.aborted).toBeNull();
        expect(result.state).toBe(expected.run);
        expect(Object.fromEntries(Object.entries(result.tasks).map(([id, task]) => [id, task.state]))).toEqual(expected.tasks);
        for (const [id, tries] of Object.entries(expected.tries ?? {})) expect(result.tasks[id]?.try_number, id).toBe(tries);
      });
    }
  });
}
