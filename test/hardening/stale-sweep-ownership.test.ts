// The stale-file sweep deletes only what is provably this project's unmodified output: the header's
// hash matches the body, and its sources name this project's pipeline files. A hand-edited file is
// kept with a warning (and `--check` calls it ORC403); another project's files in a shared folder
// are never touched.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, runCli, snapshotTree, useTempProjects } from "../e2e/cli-helpers.js";
import { buildAirflow, smallPipelines } from "./small-pipelines.js";

const project = useTempProjects();

describe("the stale-file sweep", () => {
  it("keeps a hand-edited file that is no longer generated, warns about it, and --check calls it ORC403", () => {
    const cwd = project({ "pipeline.ts": smallPipelines("kept_daily", "edited_weekly") });
    expect(buildAirflow(cwd).status).toBe(0);
    const edited = join(cwd, "dags", "edited_weekly.py");
    const text = `${readFileSync(edited, "utf8")}\n# my own fix, keep it\n`;
    writeFileSync(edited, text);
    writeFileSync(join(cwd, "pipeline.ts"), smallPipelines("kept_daily"));

    const check = runCli(["build", "-t", "airflow", "--check"], { cwd });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("ORC403");
    expect(check.stderr).toContain("dags/edited_weekly.py");
    expect(check.stderr).not.toContain("ORC401");

    const result = buildAirflow(cwd);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("ORC403");
    expect(result.stderr).toContain("dags/edited_weekly.py");
    expectNoStackTrace(result.stderr);
    expect(readFileSync(edited, "utf8")).toBe(text);
  });

  it("still removes this project's own unedited output that is no longer generated", () => {
    const cwd = project({ "pipeline.ts": smallPipelines("stays", "goes") });
    expect(buildAirflow(cwd).status).toBe(0);
    writeFileSync(join(cwd, "pipeline.ts"), smallPipelines("stays"));
    const result = buildAirflow(cwd);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("dags/goes.py (removed)");
    expect(Object.keys(snapshotTree(join(cwd, "dags")))).toEqual(["stays.py"]);
  });

  it("two projects building into one shared folder outside both keep each other's DAGs", () => {
    const first = project({ "pipeline.ts": smallPipelines("first_daily") });
    const second = project({ "pipeline.ts": smallPipelines("second_daily") });
    const shared = join(first, "..", `${first.split("/").pop()}-shared`);
    mkdirSync(shared, { recursive: true });
    try {
      expect(buildAirflow(first, "-o", shared).status).toBe(0);
      const firstDag = readFileSync(join(shared, "dags", "first_daily.py"), "utf8");
      const result = buildAirflow(second, "-o", shared);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).not.toContain("removed");
      expect(readFileSync(join(shared, "dags", "first_daily.py"), "utf8")).toBe(firstDag);
      expect(buildAirflow(first, "-o", shared).status).toBe(0);
      expect(Object.keys(snapshotTree(join(shared, "dags"))).sort()).toEqual(["first_daily.py", "second_daily.py"]);
      expect(runCli(["build", "-t", "airflow", "--check", "-o", shared], { cwd: first }).status).toBe(0);
      expect(runCli(["build", "-t", "airflow", "--check", "-o", shared], { cwd: second }).status).toBe(0);
    } finally {
      // Outside the temp project, so the helper's cleanup does not reach it.
      rmSync(shared, { recursive: true, force: true });
    }
  });

  it("a project building into another project's output folder: neither deletes the other's files", () => {
    const host = project({ "pipeline.ts": smallPipelines("host_daily") });
    const guest = project({ "pipeline.ts": smallPipelines("guest_daily") });
    expect(buildAirflow(host).status).toBe(0);
    expect(buildAirflow(guest, "-o", host).status).toBe(0);
    const result = buildAirflow(host);
    expect(result.status, result.stderr).toBe(0);
    expect(Object.keys(snapshotTree(join(host, "dags"))).sort()).toEqual(["guest_daily.py", "host_daily.py"]);
    expect(buildAirflow(guest, "-o", host).stdout).not.toContain("removed");
    expect(Object.keys(snapshotTree(join(host, "dags"))).sort()).toEqual(["guest_daily.py", "host_daily.py"]);
  });
});

