// Proves the Airflow conformance harness itself against hand-written DAGs in fixtures/ (never
// orchc output), so a failure in a generated-DAG conformance test can be trusted to be about the
// generated DAG. The answers asserted here are what real Airflow 3.3.2 / 2.10.5 did on this
// machine; run-dag-test.py's docstring has the timings behind them.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AirflowMajor,
  type DagTestTask,
  type HermeticAirflowEnv,
  type InspectResult,
  type InspectedDag,
  airflowMissingReason,
  airflowPython,
  hermeticAirflowEnv,
  inspectDags,
  runDagTest,
} from "./airflow-env.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));

function available(major: AirflowMajor): boolean {
  if (airflowPython(major) !== null) return true;
  console.warn(`[conformance] skipping the Airflow ${major} harness tests: ${airflowMissingReason(major)}`);
  return false;
}

const bash = (overrides: Record<string, unknown>) => ({
  operator: "BashOperator",
  retries: 2,
  retry_delay_seconds: 1,
  retry_exponential_backoff: 0,
  max_retry_delay_seconds: null,
  execution_timeout_seconds: null,
  mapped: false,
  max_active_tis_per_dagrun: null,
  trigger_rule: "all_success",
  task_group: null,
  env: null,
  append_env: false,
  skip_on_exit_code: [99],
  ...overrides,
});

/** fixtures/inspect/etl.py as Airflow 3.3 reports it. */
const etlOn3 = {
  fileloc: "etl.py",
  schedule: "0 6 * * 1-5",
  timetable: {
    class: "CronTriggerTimetable",
    summary: "0 6 * * 1-5",
    description: expect.any(String),
    expression: "0 6 * * 1-5",
    timezone: "Europe/Berlin",
    periodic: true,
  },
  timezone: "Europe/Berlin",
  max_active_runs: 1,
  dagrun_timeout_seconds: 7200,
  catchup: false,
  is_paused_upon_creation: true,
  tags: ["conformance", "orchc"],
  params: {
    region: { default: "eu", has_default: true, description: null, schema: { type: "string", enum: ["eu", "us"] } },
    limit: { default: 10, has_default: true, description: null, schema: { type: "integer", minimum: 1 } },
  },
  tasks: {
    extract: bash({
      upstream: [],
      downstream: ["transform.clean"],
      bash_command: "echo extract {{ params.region }}",
      env: { REGION: "{{ params.region }}" },
      append_env: true,
      execution_timeout_seconds: 300,
    }),
    "transform.clean": bash({
      upstream: ["extract"],
      downstream: ["transform.enrich"],
      bash_command: "echo clean",
      task_group: "transform",
      retry_exponential_backoff: 2,
      max_retry_delay_seconds: 60,
    }),
    "transform.enrich": bash({
      upstream: ["transform.clean"],
      downstream: ["load"],
      bash_command: "echo enrich",
      task_group: "transform",
      skip_on_exit_code: [99, 100],
    }),
    load: bash({ upstream: ["transform.enrich"], downstream: ["notify"], bash_command: "echo load", retries: 0, trigger_rule: "none_failed" }),
    notify: bash({ upstream: ["load"], downstream: [], bash_command: "echo notify", trigger_rule: "all_done" }),
  },
};

/** The same DAG in 2.x idiom (fixtures/airflow2/etl.py) as Airflow 2.10 reports it. */
const etlOn2 = {
  ...etlOn3,
  // 2.x turns a cron string into data-interval runs; 3.x into trigger-time runs.
  timetable: { ...etlOn3.timetable, class: "CronDataIntervalTimetable" },
  tasks: Object.fromEntries(
    Object.entries(etlOn3.tasks).map(([id, task]) => [
      id,
      // 2.10's backoff is a bool (the fixture says True where the 3.x one says 2.0).
      { ...task, retry_exponential_backoff: id === "transform.clean" },
    ]),
  ),
};

function useCounterDir() {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "orchc-conformance-counter-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

function useAirflowEnv() {
  let airflowEnv: HermeticAirflowEnv | undefined;
  beforeAll(() => {
    airflowEnv = hermeticAirflowEnv();
  });
  afterAll(() => airflowEnv?.cleanup());
  return () => {
    if (airflowEnv === undefined) throw new Error("the Airflow home is made in beforeAll");
    return airflowEnv;
  };
}

const seconds = (from: string | null, to: string | null) => (Date.parse(to ?? "") - Date.parse(from ?? "")) / 1000;

describe.skipIf(!available(3))("Airflow 3.3 conformance harness", () => {
  let inspected: InspectResult;
  beforeAll(async () => {
    inspected = await inspectDags(join(fixtures, "inspect"), 3);
  });

  it("reports a hand-written DAG exactly as Airflow parsed it", () => {
    expect(inspected.airflow_version).toMatch(/^3\.3\./);
    expect(inspected.dags.conformance_etl).toEqual(etlOn3);
  });

  it("reports a file that cannot be imported, with its traceback, and still parses the others", () => {
    expect(Object.keys(inspected.import_errors)).toEqual(["broken.py"]);
    expect(inspected.import_errors["broken.py"]).toMatch(/ImportError: cannot import name 'NoSuchOperator'/);
    expect(Object.keys(inspected.dags)).toContain("conformance_etl");
    expect(inspected.dags.conformance_broken).toBeUndefined();
  });

  it("shows what each way of giving a schedule becomes", () => {
    const pick = (dag: InspectedDag | undefined) =>
      dag && { schedule: dag.schedule, class: dag.timetable.class, expression: dag.timetable.expression, tz: dag.timetable.timezone, dagTz: dag.timezone };
    expect(pick(inspected.dags.schedule_none)).toEqual({ schedule: null, class: "NullTimetable", expression: null, tz: null, dagTz: "UTC" });
    expect(pick(inspected.dags.schedule_preset_daily)).toEqual({
      schedule: "@daily",
      class: "CronTriggerTimetable",
      expression: "0 0 * * *",
      tz: "UTC",
      dagTz: "UTC",
    });
    // The DAG's own timezone comes from start_date only; a timetable's timezone does not change it.
    expect(pick(inspected.dags.schedule_cron_trigger_timetable_tz)).toEqual({
      schedule: "<CronTriggerTimetable>",
      class: "CronTriggerTimetable",
      expression: "30 2 * * *",
      tz: "America/New_York",
      dagTz: "UTC",
    });
    expect(pick(inspected.dags.schedule_timedelta)).toEqual({
      schedule: "timedelta:3600.0",
      class: "DeltaTriggerTimetable",
      expression: null,
      tz: null,
      dagTz: "UTC",
    });
  });

  describe("dag.test()", () => {
    const airflowEnv = useAirflowEnv();
    const counterDir = useCounterDir();

    it("retries a failing task after its retry_delay until it succeeds", async () => {
      const counter = join(counterDir(), "retry");
      const run = await runDagTest(join(fixtures, "run", "retry_then_succeed.py"), "conformance_retry", 3, { counter_file: counter }, {
        airflowEnv: airflowEnv(),
      });
      expect(run.state).toBe("success");
      const flaky = run.tasks.flaky as DagTestTask;
      expect({ state: flaky.state, try_number: flaky.try_number, max_tries: flaky.max_tries }).toEqual({ state: "success", try_number: 3, max_tries: 2 });
      expect(flaky.tries.map((attempt) => [attempt.try_number, attempt.state])).toEqual([
        [1, "failed"],
        [2, "failed"],
        [3, "success"],
      ]);
      // Each retry starts no earlier than retry_delay (1 s) after the previous attempt ended.
      for (let i = 1; i < flaky.tries.length; i++) {
        const previous = flaky.tries[i - 1];
        const current = flaky.tries[i];
        expect(seconds(previous?.end_date ?? null, current?.start_date ?? null)).toBeGreaterThanOrEqual(1);
      }
      expect(readFileSync(counter, "utf8").trim()).toBe("3");
      expect(run.tasks.after).toMatchObject({ state: "success", try_number: 1 });
    });

    it("runs an all_done task after a failure, skips on exit code 99, and enforces execution_timeout", async () => {
      const run = await runDagTest(join(fixtures, "run", "failure_semantics.py"), "conformance_failure_semantics", 3, undefined, {
        airflowEnv: airflowEnv(),
      });
      expect(run.aborted).toBeNull();
      expect(run.state).toBe("failed");
      const states = Object.fromEntries(Object.entries(run.tasks).map(([id, task]) => [id, [task.state, task.try_number]]));
      expect(states).toEqual({
        fails: ["failed", 1],
        cleanup: ["success", 1],
        blocked: ["upstream_failed", 0],
        skipper: ["skipped", 1],
        after_skip: ["skipped", 0],
        slow: ["failed", 1],
      });
      // `sleep 30` under a 2 s execution_timeout.
      expect(run.tasks.slow?.duration).toBeLessThan(10);
    });
  });
});

describe.skipIf(!available(2))("Airflow 2.10 conformance harness", () => {
  it("reports the 2.x twin of the hand-written DAG", async () => {
    const inspected = await inspectDags(join(fixtures, "airflow2"), 2);
    expect(inspected.airflow_version).toMatch(/^2\.10\./);
    expect(inspected.import_errors).toEqual({});
    expect(inspected.dags.conformance_etl).toEqual(etlOn2);
  });

  describe("dag.test()", () => {
    const airflowEnv = useAirflowEnv();
    const counterDir = useCounterDir();

    it("retries a failing task until it succeeds (2.10 keeps no per-try history)", async () => {
      const counter = join(counterDir(), "retry");
      const run = await runDagTest(join(fixtures, "run", "retry_then_succeed.py"), "conformance_retry", 2, { counter_file: counter }, {
        airflowEnv: airflowEnv(),
      });
      expect(run.state).toBe("success");
      expect(run.tasks.flaky).toMatchObject({ state: "success", try_number: 3, max_tries: 2 });
      expect(readFileSync(counter, "utf8").trim()).toBe("3");
    });

    it("aborts the whole dag.test() on an execution_timeout (AirflowTaskTimeout is a BaseException in 2.x)", async () => {
      const run = await runDagTest(join(fixtures, "run", "failure_semantics.py"), "conformance_failure_semantics", 2, undefined, {
        airflowEnv: airflowEnv(),
      });
      expect(run.aborted).toMatch(/AirflowTaskTimeout/);
      expect(run.state).toBe("running");
    });
  });
});
