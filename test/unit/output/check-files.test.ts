import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkGeneratedFiles } from "../../../packages/compiler/src/output/check-files.js";
import { writeGeneratedFiles, type RenderedFile } from "../../../packages/compiler/src/output/index.js";
import { put, rendered, snapshot, SOURCES, tempDir } from "./output-fixtures.js";

const request = (outDir: string, files: RenderedFile[], ownedDirectories: string[] = []) => ({
  outDir,
  files,
  ownedDirectories,
  target: "airflow",
  sources: SOURCES,
});

function built(files: RenderedFile[]): string {
  const outDir = tempDir();
  writeGeneratedFiles(request(outDir, files));
  return outDir;
}

describe("checkGeneratedFiles", () => {
  it("reports nothing when the output is up to date", () => {
    const files = [rendered("dags/a.py", "a = 1\n"), rendered("dags/b.py", "b = 1\n")];
    expect(checkGeneratedFiles(request(built(files), files))).toEqual([]);
  });

  it("reports a missing file at its absolute path", () => {
    const files = [rendered("dags/a.py", "a = 1\n"), rendered("dags/b.py", "b = 1\n")];
    const outDir = built(files);
    unlinkSync(join(outDir, "dags/b.py"));
    const diagnostics = checkGeneratedFiles(request(outDir, files));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "ORC402", severity: "error", location: { file: join(outDir, "dags/b.py"), line: 1, column: 1 } });
    expect(diagnostics[0]!.message).toContain("dags/b.py");
    expect(diagnostics[0]!.hint).toContain("orchc build");
    expect(existsSync(join(outDir, "dags/b.py"))).toBe(false);
  });

  it("reports a stale file with a unified diff", () => {
    const outDir = built([rendered("dags/a.py", "a = 1\nkeep = True\n")]);
    const files = [rendered("dags/a.py", "a = 2\nkeep = True\n")];
    const diagnostics = checkGeneratedFiles(request(outDir, files));
    expect(diagnostics).toHaveLength(1);
    const [stale] = diagnostics;
    expect(stale).toMatchObject({ code: "ORC401", location: { file: join(outDir, "dags/a.py"), line: 1, column: 1 } });
    expect(stale!.message).toContain("--- a/dags/a.py");
    expect(stale!.message).toContain("+++ b/dags/a.py");
    expect(stale!.message).toMatch(/^-a = 1$/m);
    expect(stale!.message).toMatch(/^\+a = 2$/m);
    expect(stale!.message).toMatch(/^ keep = True$/m);
    expect(stale!.hint).toContain("orchc build");
  });

  it("caps a long diff", () => {
    const lines = (prefix: string) => Array.from({ length: 300 }, (_, index) => `${prefix}_${index} = ${index}\n`).join("");
    const outDir = built([rendered("dags/a.py", lines("old"))]);
    const [stale] = checkGeneratedFiles(request(outDir, [rendered("dags/a.py", lines("new"))]));
    expect(stale?.code).toBe("ORC401");
    const more = /… (\d+) more lines$/.exec(stale!.message);
    expect(more).not.toBeNull();
    expect(Number(more![1])).toBeGreaterThan(400);
    expect(stale!.message.split("\n").length).toBeLessThanOrEqual(83);
  });

  it("says a file was edited by hand when its body no longer matches its own hash", () => {
    const files = [rendered("dags/a.py", "a = 1\n")];
    const outDir = built(files);
    const path = join(outDir, "dags/a.py");
    writeFileSync(path, readFileSync(path, "utf8").replace("a = 1", "a = 'patched'"));
    const diagnostics = checkGeneratedFiles(request(outDir, files));
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC403"]);
    expect(diagnostics[0]!.message).toMatch(/edited by hand/);
    expect(diagnostics[0]!.message).toMatch(/^-a = 'patched'$/m);
    expect(diagnostics[0]!.location).toEqual({ file: path, line: 1, column: 1 });
    expect(diagnostics[0]!.hint).toContain("orchc build");
  });

  it("says a file without an orchc header was written by hand", () => {
    const files = [rendered("dags/a.py", "a = 1\n")];
    const outDir = tempDir();
    put(outDir, "dags/a.py", "a = 1\n");
    const diagnostics = checkGeneratedFiles(request(outDir, files));
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC403"]);
    expect(diagnostics[0]!.message).toMatch(/no orchc header/);
  });

  it("reports generated files that a build would remove, and only those", () => {
    const files = [rendered("dags/a.py", "a = 1\n")];
    const outDir = built(files);
    put(outDir, "dags/old.py", rendered("dags/old.py", "old = 1\n").text);
    put(outDir, "dags/helper.py", "HELPER = 1\n");
    put(outDir, "dags/other-target.py", rendered("dags/other-target.py", "x = 1\n", { target: "databricks" }).text);
    put(outDir, "workflows/gone.yml", rendered("workflows/gone.yml", "a: 1\n", { format: "yaml" }).text);
    const diagnostics = checkGeneratedFiles(request(outDir, files, ["workflows"]));
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.location?.file])).toEqual([
      ["ORC401", join(outDir, "dags/old.py")],
      ["ORC401", join(outDir, "workflows/gone.yml")],
    ]);
    expect(diagnostics[0]!.message).toMatch(/would remove/);
    expect(diagnostics[0]!.hint).toContain("orchc build");
  });

  it("writes nothing, whatever it finds", () => {
    const outDir = built([rendered("dags/a.py", "a = 1\n"), rendered("dags/b.py", "b = 1\n")]);
    unlinkSync(join(outDir, "dags/b.py"));
    put(outDir, "dags/old.py", rendered("dags/old.py", "old = 1\n").text);
    const before = snapshot(outDir);
    const files = [rendered("dags/a.py", "a = 2\n"), rendered("dags/b.py", "b = 2\n"), rendered("dags/new/c.py", "c = 1\n")];
    const diagnostics = checkGeneratedFiles(request(outDir, files));
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC401", "ORC402", "ORC402", "ORC401"]);
    expect(snapshot(outDir)).toEqual(before);
    expect(existsSync(join(outDir, "dags/new"))).toBe(false);
  });

  it("rejects paths outside the output directory", () => {
    expect(() => checkGeneratedFiles(request(tempDir(), [rendered("../a.py", "a\n")]))).toThrow(/\.\./);
  });
});
