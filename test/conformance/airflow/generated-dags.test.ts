// Every DAG orchc generates (golden cases and examples) loaded by real Airflow, and compared
// field by field with the IR it was generated from; then behaviour, run by dag.test().
import { lowerToIR, type PipelineNode } from "@orchc/compiler";
import { loadPipelines } from "@orchc/compiler/load";
import { targets } from "@orchc/targets";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { TRIGGER_RULES } from "../../../packages/targets/src/airflow/airflow-runif.js";
import { statusTasks } from "../../../packages/targets/src/airflow/status-watcher.js";
import { itemsStepIds } from "../../../packages/targets/src/airflow/for-each.js";
import { buildCase } from "../../golden/build-case.js";
import { GOLDEN_CASES } from "../../golden/golden-cases.js";
import { examplesBuiltFor } from "../../examples.js";
import { airflowMissingReason, airflowPython, hermeticAirflowEnv, inspectDags, runDagTest, type AirflowMajor, type InspectedDag } from "./airflow-env.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const goldenCases = join(repoRoot, "test", "golden", "cases");

interface DagFolder {
  readonly name: string;
  readonly folder: string;
  readonly pipelineFile: string;
  readonly environment: string | null;
  readonly major: AirflowMajor;
}

const folders: DagFolder[] = [
  ...Object.entries(GOLDEN_CASES).flatMap(([caseName, builds]) =>
    Object.entries(builds)
      .filter(([, build]) => build.target === "airflow")
      .map(([buildName, build]) => ({
        name: `${caseName}/${buildName}`,
        folder: join(goldenCases, caseName, "expected", buildName, "dags"),
        pipelineFile: join(goldenCases, caseName, "pipeline.ts"),
        environment: build.environment ?? null,
        major: ((build.options?.airflowVersion as number | undefined) ?? 3) as AirflowMajor,
      })),
  ),
  ...examplesBuiltFor("airflow").map((example) => ({ name: example.name, folder: join(example.directory, "dags"), pipelineFile: example.pipelineFile, environment: null, major: 3 as const })),
];

async function irOf(file: string, environment: string | null): Promise<PipelineNode[]> {
  const { loaded } = await loadPipelines([file]);
  const { ir, diagnostics } = lowerToIR(loaded, environment);
  if (!ir) throw new Error(diagnostics.map((diagnostic) => diagnostic.message).join("; "));
  // A pipeline whose `targets` leave airflow out has no DAG (examples/partitioned-sales declares one per target family).
  return ir.pipelines.filter((pipeline) => pipeline.targets === null || pipeline.targets.airflow !== undefined);
}

/** What the DAG must say, from the IR alone. */
function expectMatchesIR(dag: InspectedDag, pipeline: PipelineNode, announced: ReadonlySet<string>, major: AirflowMajor): void {
  const airflowId = (id: string) => {
    // Not a task of the pipeline: one orchc adds (orchc_succeeded waits for orchc_optional_end).
    const task = pipeline.tasks.find((candidate) => candidate.id === id);
    return task === undefined || task.group === null ? id : `${task.group}.${id}`;
  };
  const { watcher, optionalEnd, succeeded } = statusTasks(pipeline, announced.has(pipeline.id));
  const added = [...(watcher ? [[watcher, "one_failed"] as const] : []), ...(optionalEnd ? [[optionalEnd, "all_done"] as const] : []), ...(succeeded ? [[succeeded, "none_failed"] as const] : [])];
  // A for-each task over a list known at run time waits for its items step, which waits for the task's upstreams under its rule.
  const steps = itemsStepIds(pipeline);
  const stepId = (task: PipelineNode["tasks"][number]) => (task.group === null ? steps.get(task.id)! : `${task.group}.${steps.get(task.id)!}`);
  expect(Object.keys(dag.tasks).sort()).toEqual([...pipeline.tasks.map((task) => airflowId(task.id)), ...pipeline.tasks.filter((task) => steps.has(task.id)).map(stepId), ...added.map(([task]) => task.id)].sort());
  for (const [task, rule] of added) {
    expect(dag.tasks[task.id]!.trigger_rule, task.id).toBe(rule);
    expect(dag.tasks[task.id]!.upstream, task.id).toEqual(task.upstream.map(airflowId).sort());
  }
  for (const task of pipeline.tasks) {
    const inspected = dag.tasks[airflowId(task.id)]!;
    const step = steps.has(task.id) ? dag.tasks[stepId(task)]! : null;
    expect(inspected.mapped, task.id).toBe(task.forEach !== null);
    if (task.forEach !== null) expect(inspected.max_active_tis_per_dagrun, task.id).toBe(task.forEach.concurrency);
    if (step !== null) {
      expect(inspected.upstream, task.id).toEqual([stepId(task)]);
      expect(step.upstream, stepId(task)).toEqual(task.dependsOn.map(airflowId).sort());
      expect(step.trigger_rule, stepId(task)).toBe(TRIGGER_RULES[task.runIf]);
      expect(inspected.trigger_rule, task.id).toBe("all_success");
    } else {
      expect(inspected.upstream, task.id).toEqual(task.dependsOn.map(airflowId).sort());
      expect(inspected.trigger_rule, task.id).toBe(TRIGGER_RULES[task.runIf]);
    }
    expect(inspected.retries, task.id).toBe(task.retry.count);
    if (task.retry.count > 0) expect(inspected.retry_delay_seconds, task.id).toBe(task.retry.delaySeconds);
    expect(inspected.execution_timeout_seconds, task.id).toBe(task.timeoutSeconds);
    if (task.retry.backoff === "exponential") expect(Boolean(inspected.retry_exponential_backoff), task.id).toBe(true);
    if (task.retry.maxDelaySeconds !== null) expect(inspected.max_retry_delay_seconds, task.id).toBe(task.retry.maxDelaySeconds);
  }
  // A pipeline that runs after others is scheduled on their assets (trigger-after.test.ts reads which).
  // (2.10 keeps only the word "Dataset" in schedule_interval.)
  const assetSchedule = pipeline.trigger?.kind !== "after" ? null : major === 2 ? "Dataset" : `<Asset${pipeline.trigger.pipelines.length > 1 ? "Any" : ""}>`;
  expect(dag.schedule).toBe(pipeline.schedule === null ? assetSchedule : (pipeline.schedule.preset ?? pipeline.schedule.expression));
  if (pipeline.schedule !== null) expect(dag.timezone).toBe(pipeline.schedule.timezone);
  if (pipeline.maxConcurrentRuns !== null) expect(dag.max_active_runs).toBe(pipeline.maxConcurrentRuns);
  expect(dag.dagrun_timeout_seconds).toBe(pipeline.timeoutSeconds);
  expect(dag.catchup).toBe(false);
  expect(dag.is_paused_upon_creation).toBe(pipeline.paused);
  expect(Object.keys(dag.params).sort()).toEqual(pipeline.params.map((param) => param.name).sort());
  for (const param of pipeline.params) expect(dag.params[param.name]?.default, param.name).toEqual(param.default);
}

for (const major of [3, 2] as const) {
  describe.skipIf(airflowPython(major) === null)(`generated DAGs load in Airflow ${major === 3 ? "3.3" : "2.10"} and say what the IR says`, () => {
    for (const folder of folders.filter((candidate) => candidate.major === major)) {
      it(folder.name, async () => {
        const inspected = await inspectDags(folder.folder, major);
        expect(inspected.import_errors).toEqual({});
        const pipelines = await irOf(folder.pipelineFile, folder.environment);
        expect(Object.keys(inspected.dags).sort()).toEqual(pipelines.map((pipeline) => pipeline.id).sort());
        const announced = new Set(pipelines.flatMap((pipeline) => (pipeline.trigger?.kind === "after" ? pipeline.trigger.pipelines : [])));
        for (const pipeline of pipelines) expectMatchesIR(inspected.dags[pipeline.id]!, pipeline, announced, major);
      });
    }
  });
  if (airflowPython(major) === null) console.warn(airflowMissingReason(major));
}

describe.skipIf(airflowPython(3) === null)("generated DAGs pass ruff (format, and the AIR rules on Airflow 3 output)", () => {
  const ruff = join(dirname(airflowPython(3) ?? ""), "ruff");
  const run = (args: string[]) => spawnSync(ruff, args, { encoding: "utf8", cwd: repoRoot, env: { ...process.env, RUFF_CACHE_DIR: join(tmpdir(), "orchc-ruff-cache") } });
  for (const folder of folders) {
    it(folder.name, () => {
      const format = run(["format", "--check", "--diff", folder.folder]);
      expect(format.stdout + format.stderr, "ruff format --check").toMatch(/already formatted/);
      expect(format.status).toBe(0);
      const rules = folder.major === 3 ? "AIR,F,E9" : "F,E9";
      const check = run(["check", "--no-cache", "--select", rules, "--output-format", "concise", folder.folder]);
      expect(check.stdout + check.stderr, `ruff check --select ${rules}`).toContain("All checks passed!");
      expect(check.status).toBe(0);
    });
  }
});

describe.skipIf(airflowPython(3) === null)("generated DAGs behave as orchc says, under Airflow 3.3's dag.test()", () => {
  const work = mkdtempSync(join(tmpdir(), "orchc-behaviour-"));
  const airflowEnv = hermeticAirflowEnv();
  afterAll(() => {
    airflowEnv.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  async function built(dagId: string): Promise<string> {
    const files = await buildCase(join(repoRoot, "test", "conformance", "airflow", "behaviour", "pipeline.ts"), targets.airflow);
    const dags = join(work, "dags");
    mkdirSync(dags, { recursive: true });
    for (const file of files) writeFileSync(join(work, file.path), file.text);
    return join(dags, `${dagId}.py`);
  }

  it("retries, trigger rules, exit code 99 and a hostile param value", async () => {
    const workdir = mkdtempSync(join(work, "rules-"));
    const message = `it's "quoted" $HOME \`id\` $(id) {{ ds }} ünïcødé 🎉 and  spaces`;
    const result = await runDagTest(await built("behaviour_rules"), "behaviour_rules", 3, { workdir, message }, { airflowEnv });
    const state = (task: string) => result.tasks[task]?.state;
    expect(state("flaky")).toBe("success");
    expect(result.tasks.flaky?.try_number).toBe(3);
    expect(state("broken")).toBe("failed");
    expect(state("exit_99_is_a_failure")).toBe("failed");
    expect(state("after_exit_99")).toBe("success");
    expect(state("all_done")).toBe("success");
    expect(state("at_least_one_failed")).toBe("success");
    expect(state("none_failed")).toBe("upstream_failed");
    expect(state("all_success")).toBe("upstream_failed");
    expect(state("echo_param")).toBe("success");
    expect(readFileSync(join(workdir, "message"), "utf8")).toBe(message);
    expect(result.state).toBe("failed");
  });

  it("an optional task's failure: retried, failed, its dependents upstream_failed, and the run succeeds (PARTIAL)", async () => {
    const workdir = mkdtempSync(join(work, "partial-"));
    const result = await runDagTest(await built("behaviour_partial"), "behaviour_partial", 3, { workdir }, { airflowEnv });
    expect(result.tasks.critical?.state).toBe("success");
    expect(result.tasks.report?.state).toBe("failed");
    expect(result.tasks.report?.try_number).toBe(2);
    expect(result.tasks.publish?.state).toBe("upstream_failed");
    expect(result.tasks.summary?.state).toBe("success");
    expect(result.tasks.orchc_optional_end?.state).toBe("success");
    expect(result.tasks.orchc_watcher?.state).toBe("skipped");
    expect(result.state).toBe("success");
  });
});
