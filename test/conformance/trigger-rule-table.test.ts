// The hand-written trigger-rule table (test/semantics/trigger-rule-table.ts) judged by real Apache
// Airflow: one plain DAG, written here without orchc (BashOperators with Airflow's own trigger
// rules), holds every case as its own sub-graph; dag.test() runs it, and every task must end in
// the state the table says. An optional task that fails is a plain failing task here: the table
// says rules read it as a failure. The run's status is not judged here: Airflow judges it by its
// leaves, and the Airflow target adds a watcher for that (airflow/run-status.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunIf } from "../../packages/dsl/src/index.js";
import { TRIGGER_RULE_CASES } from "../semantics/trigger-rule-table.js";
import { airflowMissingReason, airflowPython, runDagTest, type AirflowMajor } from "./airflow/airflow-env.js";

const AIRFLOW_RULES: Readonly<Record<RunIf, string>> = {
  allSuccess: "all_success",
  allDone: "all_done",
  allFailed: "all_failed",
  atLeastOneFailed: "one_failed",
  atLeastOneSuccess: "one_success",
  noneFailed: "none_failed",
};

const taskId = (name: string, id: string) => `${name}__${id}`;

function dagSource(): string {
  const lines = [
    "from datetime import datetime",
    "try:",
    "    from airflow.sdk import DAG",
    "except ImportError:",
    "    from airflow import DAG",
    "try:",
    "    from airflow.providers.standard.operators.bash import BashOperator",
    "except ImportError:",
    "    from airflow.operators.bash import BashOperator",
    "",
    'with DAG("trigger_rule_table", schedule=None, start_date=datetime(2024, 1, 1), catchup=False):',
    "    t = {}",
  ];
  for (const entry of TRIGGER_RULE_CASES) {
    for (const task of entry.tasks) {
      const id = taskId(entry.name, task.id);
      lines.push(`    t["${id}"] = BashOperator(task_id="${id}", bash_command="exit ${task.exitCode}", trigger_rule="${AIRFLOW_RULES[task.runIf]}", retries=0)`);
      for (const upstream of task.after) lines.push(`    t["${taskId(entry.name, upstream)}"] >> t["${id}"]`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const work = mkdtempSync(join(tmpdir(), "orchc-trigger-table-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each([3, 2] as AirflowMajor[])("the trigger-rule table on real Airflow %i", (major) => {
  const missing = airflowPython(major) === null ? airflowMissingReason(major) : null;
  if (missing) console.warn(`[conformance] ${missing}`);

  it.skipIf(missing !== null)("every task of the 78 cases ends in the state the table says", async () => {
    const dir = mkdtempSync(join(work, `airflow${major}-`));
    const file = join(dir, "trigger_rule_table.py");
    writeFileSync(file, dagSource());
    const result = await runDagTest(file, "trigger_rule_table", major, undefined, { timeoutMs: 900_000 });
    const expected: Record<string, string> = {};
    const actual: Record<string, string | null | undefined> = {};
    for (const entry of TRIGGER_RULE_CASES) {
      for (const [id, state] of Object.entries(entry.expected.states)) {
        expected[taskId(entry.name, id)] = state;
        actual[taskId(entry.name, id)] = result.tasks[taskId(entry.name, id)]?.state;
      }
    }
    console.info(`[conformance] Airflow ${result.airflow_version}: ${Object.keys(expected).length} tasks of ${TRIGGER_RULE_CASES.length} cases in ${result.elapsed_seconds.toFixed(1)} s`);
    expect(actual).toEqual(expected);
  });
});
