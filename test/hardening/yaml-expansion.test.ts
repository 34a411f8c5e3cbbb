// Class: YAML that expands without bound (a "billion laughs" file). Expansion is stopped, and the
// answer is a coded diagnostic at the file, exit 1, with --json output — never exit 2 "internal
// error" — for pipeline files and for files to import alike.
import { importControlTable } from "@orchc/importers";
import { loadPipelines } from "@orchc/compiler/load";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, runCli, useTempProjects } from "../e2e/cli-helpers.js";

const LAUGHS = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ..."bcdefgh".split("").map((name, index) => {
    const previous = "abcdefgh"[index]!;
    return `${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(", ")}]`;
  }),
  "id: lol",
  "tasks: [*h]",
  "",
].join("\n");

describe("YAML alias expansion", () => {
  const project = useTempProjects();

  it("a pipeline file is refused with ORC107 at its first alias, exit 1, with --json output", () => {
    const directory = project({ "pipeline.yaml": LAUGHS });
    const validated = runCli(["validate", "pipeline.yaml", "--json"], { cwd: directory });
    expect(validated.status).toBe(1);
    const report = JSON.parse(validated.stdout) as { diagnostics: Array<{ code: string; file: string; line: number; column: number }> };
    expect(report.diagnostics.map(({ code, file, line, column }) => ({ code, file, line, column }))).toEqual([{ code: "ORC107", file: "pipeline.yaml", line: 2, column: 8 }]);
    const built = runCli(["build", "pipeline.yaml", "--target", "local"], { cwd: directory });
    expect(built.status).toBe(1);
    expect(built.stderr).toContain("pipeline.yaml:2:8 - error ORC107");
    expectNoStackTrace(built.stderr);
  });

  it("loading it in-process gives the diagnostic, not a throw", async () => {
    const directory = project({ "pipeline.yaml": LAUGHS });
    const { loaded, diagnostics } = await loadPipelines([join(directory, "pipeline.yaml")]);
    expect(loaded).toEqual([]);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC107"]);
  });

  it("a file to import is refused with a coded diagnostic too", async () => {
    const directory = project({ "rows.yaml": LAUGHS });
    const result = await importControlTable({ file: join(directory, "rows.yaml"), command: "orchc import control-table rows.yaml" });
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC601"]);
    expect(result.diagnostics[0]!.message).toContain("aliases expand too far");
  });
});
