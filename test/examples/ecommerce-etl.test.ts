// The e-commerce pipeline lab (seed 003): its eight stages and their dependencies, the
// non-critical report stage, the Airflow schedule and default_args, and, run for real, the
// lab's SUCCESS / PARTIAL / FAILED statuses with exit codes 0 / 1 / 2 and its run history.
import { lowerToIR } from "@orchc/compiler";
import { loadPipelines } from "@orchc/compiler/load";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../examples.js";
import { exampleSpec, orchc, useScratch, withoutRetryDelays, writeScript } from "./example-runs.js";

const example = EXAMPLES.find((candidate) => candidate.name === "examples/ecommerce-etl")!;

/** The lab's build_pipeline(): each stage and the stages it depends on. */
const LAB_STAGES: Record<string, string[]> = {
  ingest_orders: [],
  ingest_customers: [],
  ingest_products: [],
  validate_orders: ["ingest_orders"],
  transform_orders: ["validate_orders", "ingest_customers", "ingest_products"],
  aggregate_sales: ["transform_orders"],
  load_warehouse: ["aggregate_sales"],
  generate_reports: ["aggregate_sales"],
};

describe("ecommerce-etl: the pipeline says what the lab says", () => {
  it("eight stages with the lab's dependencies; only generate_reports is non-critical", async () => {
    const { loaded } = await loadPipelines([example.pipelineFile]);
    const pipeline = lowerToIR(loaded, null).ir!.pipelines[0]!;
    expect(pipeline.id).toBe("ecommerce_pipeline");
    expect(Object.fromEntries(pipeline.tasks.map((task) => [task.id, [...task.dependsOn]]))).toEqual(LAB_STAGES);
    expect(pipeline.tasks.filter((task) => task.optional).map((task) => task.id)).toEqual(["generate_reports"]);
  });

  it("the Airflow DAG's schedule and default_args: 02:00 daily, retries 2 after 5 min, failure emails, owner, tags", async () => {
    const { loaded } = await loadPipelines([example.pipelineFile]);
    const pipeline = lowerToIR(loaded, "production").ir!.pipelines[0]!;
    expect(pipeline.schedule).toMatchObject({ expression: "0 2 * * *", timezone: "UTC" });
    expect(pipeline.owner).toBe("data_engineering");
    expect(pipeline.tags).toEqual(["etl", "ecommerce"]);
    expect(pipeline.notify.onFailure).toEqual(["alerts@company.com"]);
    for (const task of pipeline.tasks) expect(task.retry, task.id).toMatchObject({ count: 2, delaySeconds: 300 });
    const dag = readFileSync(join(example.directory, "dags", "ecommerce_pipeline.py"), "utf8");
    expect(dag).toContain('schedule="0 2 * * *"');
    expect(dag).toContain("catchup=False");
  });
});

describe("ecommerce-etl: local runs end SUCCESS, PARTIAL or FAILED with the lab's exit codes", () => {
  const scratch = useScratch("ecommerce");
  let project = "";
  let calls = "";
  let env: Record<string, string> = {};

  beforeAll(async () => {
    project = scratch();
    writeFileSync(join(project, "pipeline.json"), JSON.stringify(withoutRetryDelays(await exampleSpec(example.pipelineFile))));
    // spark-submit as the tasks call it: records its arguments, fails for the scripts in FAIL_SCRIPTS.
    mkdirSync(join(project, "bin"));
    calls = join(project, "calls.log");
    writeScript(
      join(project, "bin", "spark-submit"),
      `printf '%s\\n' "$*" >> "$CALLS_LOG"\nfor script in $FAIL_SCRIPTS; do [[ " $* " == *" src/stages/$script "* ]] && exit 3; done\nexit 0\n`,
    );
    env = { PATH: `${join(project, "bin")}:${process.env.PATH}`, CALLS_LOG: calls, FAIL_SCRIPTS: "" };
  });

  const run = (failScripts: string, ...extra: string[]) => {
    writeFileSync(calls, "");
    const result = orchc(["run", "pipeline.json", "--parallel", "2", ...extra], project, { ...env, FAIL_SCRIPTS: failScripts });
    return { ...result, calls: readFileSync(calls, "utf8").trim().split("\n").filter(Boolean) };
  };

  it("SUCCESS, exit 0: every stage ran once, after its dependencies, with the param values as arguments", () => {
    const result = run("", "--param", "date=2026-12-01", "--env", "development");
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/^SUCCESS in \S+: 8 succeeded\.$/m);
    expect(result.calls).toHaveLength(8);
    expect(result.calls[0]).toMatch(/^--master local\[\*\] src\/stages\/ingest_\w+\.py --env development --date 2026-12-01$/);
    const order = result.calls.map((line) => line.split(" ")[2]!.replace("src/stages/", ""));
    for (const [later, earlier] of <Array<[string, string]>>[["validate.py", "ingest_orders.py"], ["transform.py", "validate.py"], ["aggregate.py", "transform.py"], ["load.py", "aggregate.py"], ["report.py", "aggregate.py"]]) {
      expect(order.indexOf(later), `${later} after ${earlier}`).toBeGreaterThan(order.indexOf(earlier));
    }
  });

  it("PARTIAL, exit 1: the non-critical report stage failed (after its two retries), everything else succeeded", () => {
    const result = run("report.py");
    expect(result.status, result.output).toBe(1);
    expect(result.output).toContain("PARTIAL");
    expect(result.calls.filter((line) => line.includes("report.py"))).toHaveLength(3);
    expect(result.calls.filter((line) => line.includes("load.py"))).toHaveLength(1);
  });

  it("FAILED, exit 2: a critical stage failed; the stages after it never ran", () => {
    const result = run("validate.py");
    expect(result.status, result.output).toBe(2);
    expect(result.output).toContain("FAILED");
    expect(result.calls.filter((line) => line.includes("validate.py"))).toHaveLength(3);
    for (const later of ["transform.py", "aggregate.py", "load.py", "report.py"]) expect(result.calls.some((line) => line.includes(later)), later).toBe(false);
  });

  it("run history: success rate and mean duration per pipeline (the lab's PipelineMetrics)", () => {
    const result = orchc(["runs", "list", "--json"], project);
    expect(result.status, result.output).toBe(0);
    const listed = JSON.parse(result.output) as { pipelines: Array<{ pipeline: string; runs: number; successRate: number; meanDurationSeconds: number | null }> };
    expect(listed.pipelines).toEqual([expect.objectContaining({ pipeline: "ecommerce_pipeline", runs: 3 })]);
    expect(listed.pipelines[0]!.successRate).toBeCloseTo(1 / 3);
  });
});
