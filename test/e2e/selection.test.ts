// --select and --group: building, checking, graphing and running only some tasks.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, runCli, useTempProjects } from "./cli-helpers.js";

const PIPELINES = `import { pipeline, sh } from "orchc";

export const first = pipeline("first");
const extract = first.task("extract", sh\`echo extract >> ran.txt\`).group("ingest");
const clean = first.task("clean", sh\`echo clean >> ran.txt\`).group("ingest").after(extract);
first.task("report", sh\`echo report >> ran.txt\`).tags("reporting").after(clean);

export const second = pipeline("second");
second.task("archive", sh\`echo archive >> ran.txt\`).tags("reporting");
`;

describe("selecting tasks", () => {
  const project = useTempProjects();

  it("--group builds a job of that group's tasks only; other pipelines' files are left alone, and --check agrees", () => {
    const directory = project({ "pipeline.ts": PIPELINES });
    expect(runCli(["build", "-t", "ir"], { cwd: directory }).status).toBe(0);
    const secondBefore = readFileSync(join(directory, "ir", "second.ir.json"), "utf8");

    const built = runCli(["build", "-t", "ir", "--group", "ingest"], { cwd: directory });
    expect(built.status, built.stderr).toBe(0);
    const first = JSON.parse(readFileSync(join(directory, "ir", "first.ir.json"), "utf8")) as { pipeline: { tasks: Array<{ id: string; dependsOn: string[] }> } };
    expect(first.pipeline.tasks.map((task) => [task.id, task.dependsOn])).toEqual([["extract", []], ["clean", ["extract"]]]);
    expect(readFileSync(join(directory, "ir", "second.ir.json"), "utf8")).toBe(secondBefore);

    expect(runCli(["build", "-t", "ir", "--group", "ingest", "--check"], { cwd: directory }).status).toBe(0);
    expect(runCli(["build", "-t", "ir", "--check"], { cwd: directory }).status).toBe(1);
  });

  it("--select tag: picks across pipelines; a dependency left out is a warning, not a silent edge", () => {
    const directory = project({ "pipeline.ts": PIPELINES });
    const graph = runCli(["graph", "--select", "tag:reporting", "-f", "json"], { cwd: directory });
    expect(graph.status, graph.stderr).toBe(0);
    expect(graph.stdout).toContain('"report"');
    expect(graph.stdout).toContain('"archive"');
    expect(graph.stdout).not.toContain('"extract"');
    expect(graph.stderr).toMatch(/warning ORC207: task `report` depends on `clean`, which the selection leaves out/);
  });

  it("a selector that matches nothing, or cannot be read, is an error with a hint", () => {
    const directory = project({ "pipeline.ts": PIPELINES });
    const misspelt = runCli(["validate", "--group", "ingset"], { cwd: directory });
    expect(misspelt.status).toBe(1);
    expect(misspelt.stderr).toContain("error ORC206: the selector `group:ingset` matches no task");
    expect(misspelt.stderr).toContain("did you mean `ingest`?");
    const unreadable = runCli(["build", "-t", "ir", "--select", "owner:me"], { cwd: directory });
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toContain("cannot read the selector `owner:me`");
    expectNoStackTrace(unreadable.stderr);
    expect(existsSync(join(directory, "ir"))).toBe(false);
  });

  it("orchc run --group runs only that group", () => {
    const directory = project({ "pipeline.ts": PIPELINES });
    const result = runCli(["run", "--pipeline", "first", "--group", "ingest"], { cwd: directory });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(readFileSync(join(directory, "ran.txt"), "utf8")).toBe("extract\nclean\n");
  });
});
