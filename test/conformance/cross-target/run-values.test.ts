// `run.id` and `run.date` mean the same on every target, judged by the engines: the same pipeline
// runs on `orchc run`, the standalone runner file, real Airflow 3.3 and 2.10 (dag.test(), and the
// DAG's own timetable for a scheduled run) and act, and each task writes what it was handed to a
// file the test reads. GitHub Actions refuses `run.date` (no run there has a scheduled time), so act
// runs the same pipeline without it. Databricks has no engine here: its references are in
// test/unit/targets/run-values.test.ts.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { airflowMissingReason, airflowPython, hermeticAirflowEnv, runDagTest, type AirflowMajor } from "../airflow/airflow-env.js";
import { actMissingReason, runOrchcWorkflowWithAct } from "../github-actions/act.js";
import { orchc, repoRoot, scratchProject, writtenFiles, type ScratchProject } from "./scratch-project.js";

const renderScript = join(repoRoot, "test", "conformance", "airflow", "render_run_values.py");
// By absolute path: Airflow runs a command in a temporary folder of its own.
const writeArgs = join(repoRoot, "test", "conformance", "cross-target", "write-args.py");

/** Each task writes `<id>|<date>` as it received them: in a `sh` command, as a python argument, in an env value mixed with a secret. */
const pipelineSource = (withDate: boolean, script: string) => {
  const date = withDate ? "${run.date}" : "none";
  return `import { concat, cron, params, pipeline, python, run, secrets, sh } from "orchc";
const p = params({ out: { type: "string", default: "/tmp/orchc-run-values" } });
const s = secrets({ token: { description: "a token", env: "RUN_VALUES_TOKEN", key: "run_values_token" } });
const values = pipeline("run_values", { schedule: cron("0 2 * * *"), params: p, secrets: s });
values.task("in_command", sh\`printf '%s|%s' \${run.id} ${date} > \${p.out}/in_command\`);
values.task("as_argument", python(${JSON.stringify(script)}, [concat(p.out, "/as_argument"), run.id, ${withDate ? "run.date" : '"none"'}]));
values.task("in_env", sh\`printf '%s' "$VALUES" > \${p.out}/in_env\`).env({ VALUES: concat(run.id, "|", ${withDate ? "run.date" : '"none"'}, "|", s.token) });
export default values;
`;
};

let scratch: ScratchProject;
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

beforeAll(() => {
  scratch = scratchProject("run-values", { "pipeline.ts": pipelineSource(true, writeArgs), "without-date.ts": pipelineSource(false, writeArgs) });
  scratch.build("local", "pipeline.ts", "local");
  scratch.build("airflow", "pipeline.ts", "airflow");
  scratch.build("airflow", "pipeline.ts", "airflow2", ["--set", "airflow.airflowVersion=2"]);
  scratch.build("github-actions", "without-date.ts", "github-actions");
}, 300_000);

afterAll(() => scratch?.remove());

/** What every task must have been handed: the same id and date everywhere, the secret after them in the env value. */
function expectSameValues(out: string, id: RegExp | string, dates: ReadonlyArray<string>, secret: string) {
  const files = writtenFiles(out);
  expect(Object.keys(files).sort()).toEqual(["as_argument", "in_command", "in_env"]);
  const [runId, date] = files.in_command!.split("|");
  if (typeof id === "string") expect(runId).toBe(id);
  else expect(runId).toMatch(id);
  expect(dates).toContain(date);
  expect(files.as_argument).toBe(`${runId}|${date}`);
  expect(files.in_env).toBe(`${runId}|${date}|${secret}`);
}

describe("run.id and run.date on the local runner", () => {
  for (const engine of ["orchc run", "standalone file"] as const) {
    it(`${engine}: the run's id and the UTC day it started, in a command, an argument and an env value`, () => {
      const out = scratch.freshOut(engine.replace(" ", "-"));
      const store = join(scratch.dir, `store-${engine.replace(" ", "-")}`);
      const before = Date.now();
      const args = ["--param", `out=${out}`, "--store", store];
      const result =
        engine === "orchc run"
          ? orchc(["run", "pipeline.ts", ...args], scratch.dir, { RUN_VALUES_TOKEN: "s3cret" })
          : spawnSync(process.execPath, [join(scratch.dir, "out", "local", "local", "run_values.mjs"), ...args], { cwd: scratch.dir, env: { ...process.env, RUN_VALUES_TOKEN: "s3cret" }, encoding: "utf8" });
      const after = Date.now();
      expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
      const runs = readdirSync(store, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name.startsWith("run_values-")).map((entry) => entry.name);
      expect(runs).toHaveLength(1);
      expectSameValues(out, runs[0]!, [utcDate(before), utcDate(after)], "s3cret");
    });
  }
});

const airflowMajors: ReadonlyArray<AirflowMajor> = [3, 2];
describe.each(airflowMajors)("run.id and run.date on Airflow %i", (major) => {
  const missing = airflowPython(major) === null ? airflowMissingReason(major) : null;
  const dags = () => join(scratch.dir, "out", major === 3 ? "airflow" : "airflow2", "dags");

  it.skipIf(missing !== null)("dag.test(): the run's id and its day, in a command, an argument and an env value read with a secret", async () => {
    const out = scratch.freshOut(`airflow${major}`);
    const home = hermeticAirflowEnv();
    try {
      // The secret is an Airflow Variable (AIRFLOW_VAR_<KEY>), read in the task's own process.
      home.env.AIRFLOW_VAR_RUN_VALUES_TOKEN = "s3cret";
      const before = Date.now();
      const result = await runDagTest(join(dags(), "run_values.py"), "run_values", major, { out }, { airflowEnv: home, timeoutMs: 600_000 });
      const after = Date.now();
      expect(result.state, JSON.stringify(result.tasks)).toBe("success");
      expectSameValues(out, /^manual__/, [utcDate(before), utcDate(after)], "s3cret");
    } finally {
      home.cleanup();
    }
  }, 900_000);

  it.skipIf(missing !== null)("a scheduled run is for its scheduled day, a run by hand for its logical date (or, without one, the day it was triggered)", () => {
    const home = hermeticAirflowEnv();
    try {
      const result = spawnSync(airflowPython(major)!, [renderScript, dags(), "run_values", "in_command"], { env: home.env, encoding: "utf8", timeout: 300_000 });
      expect(result.status, result.stderr.slice(-3000)).toBe(0);
      const rendered = JSON.parse(result.stdout) as { runs: Record<string, { fire_time: string; env: Record<string, string> }> };
      const runs = major === 3 ? ["scheduled", "manual_without_logical_date", "manual_with_logical_date"] : ["scheduled", "manual_with_logical_date"];
      for (const name of runs) {
        const run = rendered.runs[name]!;
        expect({ name, date: run.env.ORCHC_RUN_DATE }).toEqual({ name, date: run.fire_time.slice(0, 10) });
      }
      // The scheduled run's own id, not its logical date's: 2.x gives that run the interval's start.
      expect(rendered.runs.scheduled!.env.ORCHC_RUN_ID).toBe("scheduled__x");
    } finally {
      home.cleanup();
    }
  }, 300_000);
});

describe("run.id on GitHub Actions (act)", () => {
  const missing = actMissingReason();
  it.skipIf(missing !== null)("the workflow run's id, in a command, an argument and an env value", () => {
    const out = scratch.freshOut("act");
    const { states, run } = runOrchcWorkflowWithAct(join(scratch.dir, "out", "github-actions", ".github", "workflows", "run_values.yml"), {
      inputs: { out },
      secrets: { RUN_VALUES_TOKEN: "s3cret" },
      timeoutMs: 600_000,
    });
    expect(states, run.log.slice(-3000)).toEqual({ in_command: "success", as_argument: "success", in_env: "success" });
    const files = writtenFiles(out);
    expect(files.in_command).toMatch(/^\d+\|none$/);
    expect(files.as_argument).toBe(files.in_command);
    expect(files.in_env).toBe(`${files.in_command}|s3cret`);
  }, 900_000);

  it("run.date is refused there, located, with the way out", () => {
    const result = orchc(["build", "-t", "github-actions", "--out", join(scratch.dir, "out", "refused"), "pipeline.ts"], scratch.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("pipeline.ts:5:");
    expect(result.stderr).toMatch(/error ORC301: task `in_command` uses `run\.date`, which the github-actions target cannot express/);
    expect(result.stderr).toContain("date -u +%F");
  });
});
