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
const OPTIONAL_END = "orchc_optional_end";

interface Case {
  /** Airflow's task states, the watcher's included (absent: orchc adds none). */
  readonly tasks: Record<string, string>;
  /** Airflow's run state: "failed" is orchc's FAILED, "success" its SUCCESS or PARTIAL. */
  readonly run: "failed" | "success";
  /** Which file of run-status/ holds it, and on which majors it runs (default: pipeline.ts, both). */
  readonly file?: "timeouts.ts";
  /** The try number a task ended on, where it matters. */
  readonly tries?: Record<string, number>;
}

const CASES: Record<string, Case> = {
  status_all_done_cleanup: { tasks: { a: "failed", cleanup: "success", [WATCHER]: "failed" }, run: "failed" },
  status_one_failed_alert: { tasks: { a: "failed", alert: "success", [WATCHER]: "failed" }, run: "failed" },
  status_all_failed: { tasks: { a: "failed", recover: "success", [WATCHER]: "failed" }, run: "failed" },
  status_one_success: { tasks: { a: "failed", b: "success", either: "success", [WATCHER]: "failed" }, run: "failed" },
  status_upstream_failed: { tasks: { a: "failed", b: "upstream_failed", cleanup: "success", [WATCHER]: "failed" }, run: "failed" },
  // An optional task fails as any task does; only the run status does not count it (PARTIAL).
  status_optional_cleanup: { tasks: { o: "failed", cleanup: "success" }, run: "success" },
  status_optional_chain: { tasks: { o: "failed", publish: "upstream_failed", c: "success", cleanup: "success", [WATCHER]: "failed" }, run: "failed" },
  status_optional_leaf: { tasks: { a: "success", o: "failed", [OPTIONAL_END]: "success", [WATCHER]: "skipped" }, run: "success" },
  status_all_good: { tasks: { a: "success", cleanup: "success", [WATCHER]: "skipped" }, run: "success" },
  // An optional task that times out: failed after its attempts (retried only with onTimeout), the run PARTIAL.
  status_optional_timeout: {
    tasks: { slow: "failed", publish: "upstream_failed", c: "success", cleanup: "success", [OPTIONAL_END]: "success", [WATCHER]: "skipped" },
    run: "success",
    tries: { slow: 2 },
    file: "timeouts.ts",
  },
  status_optional_timeout_once: { tasks: { slow: "failed", c: "success", cleanup: "success", [WATCHER]: "skipped" }, run: "success", tries: { slow: 1 }, file: "timeouts.ts" },
};

for (const major of [3, 2] as const) {
  describe.skipIf(airflowPython(major) === null)(`run status on Airflow ${major === 3 ? "3.3" : "2.10"} (dag.test())`, () => {
    const work = mkdtempSync(join(tmpdir(), "orchc-run-status-"));
    const airflowEnv = hermeticAirflowEnv();
    afterAll(() => {
      airflowEnv.cleanup();
      rmSync(work, { recursive: true, force: true });
    });
    const built = new Map<string, Promise<void>>();
    const build = (name: string) => {
      if (!built.has(name)) {
        const files = buildCase(resolve(here, "run-status", name), targets.airflow, { airflowVersion: major });
        built.set(name, files.then((all) => {
          for (const file of all) {
            mkdirSync(dirname(join(work, file.path)), { recursive: true });
            writeFileSync(join(work, file.path), file.text);
          }
        }));
      }
      return built.get(name)!;
    };

    for (const [dagId, expected] of Object.entries(CASES)) {
      it.skipIf(expected.file !== undefined && major === 2)(`${dagId}: ${expected.run === "failed" ? "FAILED" : "not FAILED"}`, async () => {
        await build(expected.file ?? "pipeline.ts");
        const result = await runDagTest(join(work, "dags", `${dagId}.py`), dagId, major, undefined, { airflowEnv });
        expect(result.aborted).toBeNull();
        expect(result.state).toBe(expected.run);
        expect(Object.fromEntries(Object.entries(result.tasks).map(([id, task]) => [id, task.state]))).toEqual(expected.tasks);
        for (const [id, tries] of Object.entries(expected.tries ?? {})) expect(result.tasks[id]?.try_number, id).toBe(tries);
      });
    }
  });
}
