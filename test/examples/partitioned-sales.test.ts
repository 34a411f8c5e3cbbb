// Partitioned sales (issue 19's example): the daily pipeline starts the rates pipeline and waits for
// it, lists the day files as an output, loads each in an iteration of a for-each task, counts the
// rows as another output and renders the report from it; the audit pipeline then checks the report.
// Run for real with its own scripts, by `orchc run` and by the committed runner files alone.
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../examples.js";
import { orchc, useScratch } from "./example-runs.js";

const example = EXAMPLES.find((candidate) => candidate.name === "examples/partitioned-sales")!;
const REPORT = ["rows loaded: 9", "apac: 30.88 EUR", "eu: 50.59 EUR", "us: 15.23 EUR", ""].join("\n");

describe("partitioned-sales: a pipeline started and waited for, outputs, one iteration per partition, a pipeline after success", () => {
  const scratch = useScratch("partitioned-sales");
  let project = "";

  beforeAll(() => {
    project = scratch();
    for (const entry of ["scripts", "data", "local"]) cpSync(join(example.directory, entry), join(project, entry), { recursive: true });
    // Retry delays at zero, so the failing iteration's attempts take seconds; the rest is the example's.
    const source = readFileSync(example.pipelineFile, "utf8");
    expect(source).toContain('.retries(2, { delay: "30s" })');
    writeFileSync(join(project, "pipeline.ts"), source.replace('.retries(2, { delay: "30s" })', ".retries(2)"));
  });

  it("orchc run: rates first, one iteration per day file, the row count reaches the report; the audit agrees", () => {
    const daily = orchc(["run", "pipeline.ts", "--pipeline", "sales_daily", "--param", "out=out-run"], project);
    expect(daily.status, daily.output).toBe(0);
    expect(daily.output).toMatch(/^load_partition +success \(3 of 3 items succeeded\) +3 /m);
    for (const day of ["2026-12-01: 3 rows loaded", "2026-12-02: 2 rows loaded", "2026-12-03: 4 rows loaded"]) expect(daily.output).toContain(day);
    expect(readFileSync(join(project, "out-run", "report.txt"), "utf8")).toBe(REPORT);
    expect(readdirSync(join(project, "out-run", "warehouse")).sort()).toEqual(["2026-12-01.csv", "2026-12-02.csv", "2026-12-03.csv"]);
    const audit = orchc(["run", "pipeline.ts", "--pipeline", "sales_audit", "--param", "out=out-run"], project);
    expect(audit.status, audit.output).toBe(0);
    expect(audit.output).toContain("report agrees with the warehouse: 9 rows");
  });

  it("a day file whose name is no partition fails its iteration only: the others load, the task fails once all ended", () => {
    cpSync(join(project, "data"), join(project, "data-bad"), { recursive: true });
    writeFileSync(join(project, "data-bad", "sales", "2026-12-04; rm -rf ~.csv"), "order_id,region,amount\n10,eu,1.00\n");
    const result = orchc(["run", "pipeline.ts", "--pipeline", "sales_daily", "--param", "data=data-bad/sales", "--param", "out=out-bad"], project);
    expect(result.status, result.output).toBe(2);
    expect(readdirSync(join(project, "out-bad", "warehouse")).sort()).toEqual(["2026-12-01.csv", "2026-12-02.csv", "2026-12-03.csv"]);
    expect(result.output).toContain("not a partition name: '2026-12-04; rm -rf ~'");
    expect(result.output).toMatch(/^load_partition +failed .* 6 /m);
    expect(result.output).toMatch(/^count_rows +upstream failed/m);
  });

  it("the committed runner files run alone, with no orchc installed", () => {
    const result = spawnSync(process.execPath, ["local/sales_daily.mjs", "--param", "out=out-standalone"], { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(readFileSync(join(project, "out-standalone", "report.txt"), "utf8")).toBe(REPORT);
  });
});
