// `orchc run --report` and `orchc runs show --report` say where the report went, once it is there.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();

const PIPELINE = `import { pipeline, sh } from "orchc";

const reported = pipeline("reported", {});
reported.task("hello", sh\`echo hello\`);

export default reported;
`;

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1);
const runIdOf = (cwd: string) => JSON.parse(runCli(["runs", "list", "--json"], { cwd }).stdout).runs[0].runId as string;

describe("orchc run --report", () => {
  const outside = mkdtempSync(join(tmpdir(), "orchc-report-"));
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it("prints the report's path relative to the current folder, after the run", () => {
    const cwd = project({ "pipeline.ts": PIPELINE });
    const result = runCli(["run", "--report", "reports/today/run.html"], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(lastLine(result.stdout)).toBe(`report: ${join("reports", "today", "run.html")}`);
    expect(result.stdout.indexOf("SUCCESS")).toBeLessThan(result.stdout.indexOf("report: "));
    expect(readFileSync(join(cwd, "reports", "today", "run.html"), "utf8")).toContain(runIdOf(cwd));
  });

  it("prints an absolute path for a report outside the current folder", () => {
    const cwd = project({ "pipeline.ts": PIPELINE });
    const target = join(outside, "run.html");
    const result = runCli(["run", "--report", target], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(lastLine(result.stdout)).toBe(`report: ${target}`);
    expect(existsSync(target)).toBe(true);
  });

  it("says nothing of a report a dry run does not write", () => {
    const cwd = project({ "pipeline.ts": PIPELINE });
    const result = runCli(["run", "--dry-run", "--report", "run.html"], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toContain("report: ");
    expect(existsSync(join(cwd, "run.html"))).toBe(false);
  });

  it("says nothing of a report that could not be written, and the runner says why", () => {
    const cwd = project({ "pipeline.ts": PIPELINE });
    mkdirSync(join(cwd, "taken.html"));
    const result = runCli(["run", "--report", "taken.html"], { cwd });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("could not write the report");
    expect(result.stdout + result.stderr).not.toContain("report: ");
  });

  it("with --json, keeps stdout JSON lines and prints the path on stderr", () => {
    const cwd = project({ "pipeline.ts": PIPELINE });
    const result = runCli(["run", "--json", "--report", "run.html"], { cwd });
    expect(result.status, result.stderr).toBe(0);
    for (const line of result.stdout.trimEnd().split("\n")) expect(() => JSON.parse(line), line).not.toThrow();
    expect(result.stderr).toBe("report: run.html\n");
  });
});

describe("orchc runs show --report", () => {
  it("writes the report, into a folder it makes if needed, and prints its path", () => {
    const cwd = project({ "pipeline.ts": PIPELINE });
    expect(runCli(["run"], { cwd }).status).toBe(0);
    const result = runCli(["runs", "show", "--report", "out/show.html"], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(lastLine(result.stdout)).toBe(`report: ${join("out", "show.html")}`);
    expect(readFileSync(join(cwd, "out", "show.html"), "utf8")).toContain(runIdOf(cwd));
  });

  it("fails with exit 1, not an internal error, when the report cannot be written", () => {
    const cwd = project({ "pipeline.ts": PIPELINE });
    expect(runCli(["run"], { cwd }).status).toBe(0);
    mkdirSync(join(cwd, "taken.html"));
    const result = runCli(["runs", "show", "--report", "taken.html"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^orchc: cannot write the report to taken\.html: EISDIR/);
    expect(result.stdout).not.toContain("report: ");
  });
});
