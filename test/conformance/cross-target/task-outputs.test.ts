// Task outputs mean the same on every target, judged by the engines: one pipeline runs on `orchc run`,
// the standalone runner file, real Airflow 3.3 and 2.10 (dag.test()) and act. A task writes outputs of
// each type (one of them hostile text: quotes, `$`, backticks, Jinja and GitHub expression syntax, a
// second line, trailing newlines), and the next task gets them in its command, as an argument and in
// its env, byte for byte (trailing newlines dropped, as `$(cat file)` does). A task whose output does
// not fit its type fails, and what reads it is upstream_failed. Databricks has no engine here: its task
// values are in test/unit/targets/task-outputs.test.ts.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { airflowMissingReason, airflowPython, hermeticAirflowEnv, runDagTest, type AirflowMajor } from "../airflow/airflow-env.js";
import { actMissingReason, runOrchcWorkflowWithAct } from "../github-actions/act.js";
import { orchc, repoRoot, scratchProject, writtenFiles, type ScratchProject } from "./scratch-project.js";

const NOTE = "it's $HOME ${x} `q` {{ ds }} ${{ github.sha }} \\ \"quoted\"\nline two\n\n";
const NOTE_VALUE = NOTE.replace(/\n+$/, "");

/** `count` writes the outputs from files the test made; `check` hands each on; `bad` writes a number that is not one. */
const pipelineSource = (dir: string) => `import { concat, params, pipeline, python, sh } from "orchc";
const p = params({ out: { type: "string", default: "/tmp/orchc-task-outputs" } });
const flow = pipeline("task_outputs", { params: p });
const count = flow
  .task("count", sh\`printf '42\\\\n' > "$ORCHC_OUTPUTS/rows"; cp ${dir}/parts.json "$ORCHC_OUTPUTS/parts"; cp ${dir}/note.txt "$ORCHC_OUTPUTS/note"; echo true > "$ORCHC_OUTPUTS/ok"\`)
  .outputs({ rows: "number", parts: "list", note: "string", ok: "boolean" });
flow.task("in_command", sh\`printf '%s|%s|%s' \${count.output.rows} \${count.output.parts} \${count.output.ok} > \${p.out}/in_command; printf '%s' \${count.output.note} > \${p.out}/note_in_command\`);
flow.task("as_argument", python(${JSON.stringify(join(repoRoot, "test", "conformance", "cross-target", "write-args.py"))}, [concat(p.out, "/as_argument"), count.output.note]));
flow.task("in_env", sh\`printf '%s' "$NOTE" > \${p.out}/in_env\`).env({ NOTE: count.output.note });
const bad = flow.task("bad", sh\`echo 'forty-two' > "$ORCHC_OUTPUTS/rows"\`).outputs({ rows: "number" });
flow.task("after_bad", sh\`echo \${bad.output.rows} > \${p.out}/after_bad\`);
export default flow;
`;

let scratch: ScratchProject;

beforeAll(() => {
  scratch = scratchProject("task-outputs", {});
  const inputs = join(scratch.dir, "inputs");
  mkdirSync(inputs);
  writeFileSync(join(inputs, "note.txt"), NOTE);
  writeFileSync(join(inputs, "parts.json"), '["2026-12-01", "2026-12-02"]\n');
  writeFileSync(join(scratch.dir, "pipeline.ts"), pipelineSource(inputs));
  scratch.build("local", "pipeline.ts", "local");
  scratch.build("airflow", "pipeline.ts", "airflow");
  scratch.build("airflow", "pipeline.ts", "airflow2", ["--set", "airflow.airflowVersion=2"]);
  scratch.build("github-actions", "pipeline.ts", "github-actions");
}, 300_000);

afterAll(() => scratch?.remove());

function expectHandedOn(out: string) {
  expect(writtenFiles(out)).toEqual({
    in_command: '42|["2026-12-01", "2026-12-02"]|true',
    note_in_command: NOTE_VALUE,
    as_argument: NOTE_VALUE,
    in_env: NOTE_VALUE,
  });
}

const EXPECTED_STATES = { count: "success", in_command: "success", as_argument: "success", in_env: "success", bad: "failed", after_bad: "upstream_failed" };

describe("task outputs on the local runner", () => {
  for (const engine of ["orchc run", "standalone file"] as const) {
    it(`${engine}: each output reaches the next task byte for byte; an output that is not its type fails its task`, () => {
      const out = scratch.freshOut(engine.replace(" ", "-"));
      const args = ["--param", `out=${out}`, "--json", "--store", join(scratch.dir, `store-${engine.replace(" ", "-")}`)];
      const result =
        engine === "orchc run"
          ? orchc(["run", "pipeline.ts", ...args], scratch.dir)
          : spawnSync(process.execPath, [join(scratch.dir, "out", "local", "local", "task_outputs.mjs"), ...args], { cwd: scratch.dir, encoding: "utf8" });
      expect(result.status, result.stderr).toBe(2);
      const finished = result.stdout.split("\n").filter((line) => line.includes('"task_finished"')).map((line) => JSON.parse(line) as { task: string; status: string; reason: string | null });
      expect(Object.fromEntries(finished.map((event) => [event.task, event.status]))).toEqual(EXPECTED_STATES);
      expect(finished.find((event) => event.task === "bad")!.reason).toContain("output `rows` is declared a number, but holds `forty-two`");
      expectHandedOn(out);
    });
  }
});

const airflowMajors: ReadonlyArray<AirflowMajor> = [3, 2];
describe.each(airflowMajors)("task outputs on Airflow %i (dag.test())", (major) => {
  const missing = airflowPython(major) === null ? airflowMissingReason(major) : null;
  it.skipIf(missing !== null)("XComs carry each output to the next task byte for byte; an output that is not its type fails its task", async () => {
    const out = scratch.freshOut(`airflow${major}`);
    const home = hermeticAirflowEnv();
    try {
      const dag = join(scratch.dir, "out", major === 3 ? "airflow" : "airflow2", "dags", "task_outputs.py");
      const result = await runDagTest(dag, "task_outputs", major, { out }, { airflowEnv: home, timeoutMs: 600_000 });
      expect(Object.fromEntries(Object.entries(EXPECTED_STATES).map(([task]) => [task, result.tasks[task]?.state]))).toEqual(EXPECTED_STATES);
      expectHandedOn(out);
    } finally {
      home.cleanup();
    }
  }, 900_000);
});

describe("task outputs on GitHub Actions (act)", () => {
  const missing = actMissingReason();
  it.skipIf(missing !== null)("job outputs carry each output to the next job byte for byte; an output that is not its type fails its job", () => {
    const out = scratch.freshOut("act");
    const { states, run } = runOrchcWorkflowWithAct(join(scratch.dir, "out", "github-actions", ".github", "workflows", "task_outputs.yml"), { inputs: { out }, timeoutMs: 600_000 });
    expect(states, run.log.slice(-4000)).toEqual(EXPECTED_STATES);
    expectHandedOn(out);
  }, 900_000);
});
