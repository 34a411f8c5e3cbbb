import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeGeneratedFiles } from "../../../packages/compiler/src/output/index.js";
import { put, rendered, snapshot, SOURCES, tempDir } from "./output-fixtures.js";

const request = (outDir: string, files: ReturnType<typeof rendered>[], ownedDirectories: string[] = []) => ({
  outDir,
  files,
  ownedDirectories,
  target: "airflow",
  sources: SOURCES,
});

const tempFiles = (root: string) => Object.keys(snapshot(root)).filter((path) => path.includes(".orchc-tmp-"));

describe("writeGeneratedFiles", () => {
  it("writes exactly the rendered bytes, the same way every time", () => {
    const files = [rendered("dags/daily.py", "x = 1\n"), rendered("dags/weekly.py", "y = 'ü'\n"), rendered("README.md", "# hi\n", { format: "markdown" })];
    const first = tempDir();
    const second = tempDir();
    expect(writeGeneratedFiles(request(first, files))).toEqual({ written: ["dags/daily.py", "dags/weekly.py", "README.md"], unchanged: [], removed: [], warnings: [] });
    writeGeneratedFiles(request(second, files));
    for (const file of files) expect(readFileSync(join(first, file.path), "utf8")).toBe(file.text);
    const bytesOf = (root: string) => Object.fromEntries(Object.entries(snapshot(root)).map(([path, { bytes }]) => [path, bytes]));
    expect(bytesOf(first)).toEqual(bytesOf(second));
    expect(tempFiles(first)).toEqual([]);
  });

  it("leaves files whose bytes did not change alone, keeping their mtime", () => {
    const outDir = tempDir();
    const files = [rendered("dags/daily.py", "x = 1\n"), rendered("dags/weekly.py", "y = 2\n")];
    writeGeneratedFiles(request(outDir, files));
    const past = new Date("2020-01-01T00:00:00Z");
    for (const file of files) utimesSync(join(outDir, file.path), past, past);
    const changed = [files[0]!, rendered("dags/weekly.py", "y = 3\n")];
    const result = writeGeneratedFiles(request(outDir, changed));
    expect(result).toEqual({ written: ["dags/weekly.py"], unchanged: ["dags/daily.py"], removed: [], warnings: [] });
    expect(statSync(join(outDir, "dags/daily.py")).mtimeMs).toBe(past.getTime());
    expect(statSync(join(outDir, "dags/weekly.py")).mtimeMs).not.toBe(past.getTime());
    expect(readFileSync(join(outDir, "dags/weekly.py"), "utf8")).toBe(changed[1]!.text);
  });

  it("keeps the mode of a file it replaces", () => {
    const outDir = tempDir();
    writeGeneratedFiles(request(outDir, [rendered("run.sh", "echo 1\n", { format: "shell" })]));
    chmodSync(join(outDir, "run.sh"), 0o755);
    writeGeneratedFiles(request(outDir, [rendered("run.sh", "echo 2\n", { format: "shell" })]));
    expect(statSync(join(outDir, "run.sh")).mode & 0o777).toBe(0o755);
  });

  it("removes stale output of the same target and sources, and nothing else", () => {
    const outDir = tempDir();
    put(outDir, "dags/old.py", rendered("dags/old.py", "old = 1\n").text);
    put(outDir, "dags/one-source.py", rendered("dags/one-source.py", "z = 1\n", { sources: ["pipelines/daily.ts"] }).text);
    put(outDir, "dags/helper.py", "# written by hand\nHELPER = 1\n");
    put(outDir, "dags/databricks.py", rendered("dags/databricks.py", "d = 1\n", { target: "databricks" }).text);
    put(outDir, "dags/foreign.py", rendered("dags/foreign.py", "f = 1\n", { sources: ["pipelines/daily.ts", "pipelines/other.ts"] }).text);
    put(outDir, "dags/nested/deep.py", rendered("dags/nested/deep.py", "deep = 1\n").text);
    put(outDir, "workflows/gone.yml", rendered("workflows/gone.yml", "a: 1\n", { format: "yaml" }).text);
    put(outDir, "unowned/gone.py", rendered("unowned/gone.py", "u = 1\n").text);
    // Another build's temp file carries a header too, but deleting it would break that build.
    put(outDir, "dags/.x.py.orchc-tmp-99999", rendered("dags/x.py", "x = 0\n").text);
    const result = writeGeneratedFiles(request(outDir, [rendered("dags/daily.py", "x = 1\n")], ["workflows"]));
    expect(result.removed).toEqual(["dags/old.py", "dags/one-source.py", "workflows/gone.yml"]);
    expect(Object.keys(snapshot(outDir)).sort()).toEqual([
      "dags/.x.py.orchc-tmp-99999",
      "dags/daily.py",
      "dags/databricks.py",
      "dags/foreign.py",
      "dags/helper.py",
      "dags/nested/deep.py",
      "unowned/gone.py",
    ]);
    expect(readFileSync(join(outDir, "dags/helper.py"), "utf8")).toBe("# written by hand\nHELPER = 1\n");
  });

  it("keeps stale output edited by hand, and output naming no source, with a warning for the edit", () => {
    const outDir = tempDir();
    const edited = `${rendered("dags/edited.py", "e = 1\n").text}e = 2\n`;
    put(outDir, "dags/edited.py", edited);
    put(outDir, "dags/sourceless.py", rendered("dags/sourceless.py", "s = 1\n", { sources: [] }).text);
    const result = writeGeneratedFiles(request(outDir, [rendered("dags/daily.py", "x = 1\n")]));
    expect(result.removed).toEqual([]);
    expect(result.warnings.map((warning) => [warning.code, warning.severity, warning.location?.file])).toEqual([["ORC403", "warning", join(outDir, "dags/edited.py")]]);
    expect(readFileSync(join(outDir, "dags/edited.py"), "utf8")).toBe(edited);
    expect(existsSync(join(outDir, "dags/sourceless.py"))).toBe(true);
  });

  it("recognises stale output whose header is longer than the first KiB", () => {
    const outDir = tempDir();
    const sources = Array.from({ length: 80 }, (_, index) => `pipelines/generated-pipeline-number-${index}.ts`);
    put(outDir, "dags/old.py", rendered("dags/old.py", "old = 1\n", { sources }).text);
    const result = writeGeneratedFiles({ ...request(outDir, [rendered("dags/new.py", "x = 1\n", { sources })]), sources });
    expect(result.removed).toEqual(["dags/old.py"]);
  });

  it("rejects paths that leave the output directory before touching anything", () => {
    const outDir = tempDir();
    put(outDir, "dags/old.py", rendered("dags/old.py", "old = 1\n").text);
    const before = snapshot(outDir);
    expect(() => writeGeneratedFiles(request(outDir, [rendered("dags/a.py", "a\n"), rendered("../escape.py", "x\n")]))).toThrow(/\.\./);
    expect(() => writeGeneratedFiles(request(outDir, [rendered("/tmp/escape.py", "x\n")]))).toThrow(/relative/);
    expect(() => writeGeneratedFiles(request(outDir, [rendered("dags/a.py", "a\n")], ["../elsewhere"]))).toThrow(/\.\./);
    expect(snapshot(outDir)).toEqual(before);
    expect(existsSync(join(outDir, "..", "escape.py"))).toBe(false);
  });

  it("rejects two files with the same path", () => {
    const outDir = tempDir();
    expect(() => writeGeneratedFiles(request(outDir, [rendered("a.py", "a\n"), rendered("./a.py", "b\n")]))).toThrow(/share the path/);
    expect(snapshot(outDir)).toEqual({});
  });

  it("leaves every previous file as it was when a destination is a directory", () => {
    const outDir = tempDir();
    writeGeneratedFiles(request(outDir, [rendered("dags/a.py", "a = 1\n"), rendered("dags/b.py", "b = 1\n")]));
    mkdirSync(join(outDir, "dags/c.py"));
    put(outDir, "dags/stale.py", rendered("dags/stale.py", "s = 1\n").text);
    const before = snapshot(outDir);
    const files = [rendered("dags/a.py", "a = 2\n"), rendered("dags/b.py", "b = 2\n"), rendered("dags/c.py", "c = 2\n")];
    expect(() => writeGeneratedFiles(request(outDir, files))).toThrow(/dags\/c\.py/);
    expect(snapshot(outDir)).toEqual(before);
    expect(tempFiles(outDir)).toEqual([]);
  });

  it("deletes its temp files and new directories when a later write fails", () => {
    const outDir = tempDir();
    writeGeneratedFiles(request(outDir, [rendered("dags/a.py", "a = 1\n")]));
    // A file where a directory must go makes creating `blocked/` fail after a.py's temp file exists.
    writeFileSync(join(outDir, "blocked"), "not a directory\n");
    const before = snapshot(outDir);
    const files = [rendered("dags/a.py", "a = 2\n"), rendered("fresh/new.py", "n = 1\n"), rendered("blocked/c.py", "c = 1\n")];
    expect(() => writeGeneratedFiles(request(outDir, files))).toThrow(/could not write blocked\/c\.py/);
    expect(snapshot(outDir)).toEqual(before);
    expect(existsSync(join(outDir, "fresh"))).toBe(false);
  });
});
