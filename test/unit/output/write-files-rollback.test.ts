import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { put, rendered, snapshot, SOURCES, tempDir } from "./output-fixtures.js";

// Renames only fail for reasons a test cannot arrange portably (as root, permissions do not stop them), so one is made to fail.
const failRename = vi.hoisted(() => ({ on: null as string | null }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const renameSync: typeof fs.renameSync = (from, to) => {
    if (failRename.on !== null && String(to).endsWith(failRename.on)) throw Object.assign(new Error("simulated rename failure"), { code: "EIO" });
    fs.renameSync(from, to);
  };
  return { ...fs, default: { ...fs, renameSync }, renameSync };
});

const { writeGeneratedFiles } = await import("../../../packages/compiler/src/output/index.js");

describe("writeGeneratedFiles when a rename fails part-way", () => {
  it("puts back the files it already replaced and removes the ones it created", () => {
    const outDir = tempDir();
    writeGeneratedFiles({ outDir, files: [rendered("dags/a.py", "a = 1\n")], ownedDirectories: [], target: "airflow", sources: SOURCES });
    put(outDir, "dags/stale.py", rendered("dags/stale.py", "s = 1\n").text);
    const before = snapshot(outDir);
    failRename.on = "c.py";
    const files = [rendered("dags/a.py", "a = 2\n"), rendered("dags/b.py", "b = 2\n"), rendered("dags/c.py", "c = 2\n")];
    try {
      expect(() => writeGeneratedFiles({ outDir, files, ownedDirectories: [], target: "airflow", sources: SOURCES })).toThrow(/could not write dags\/c\.py: simulated/);
    } finally {
      failRename.on = null;
    }
    const after = snapshot(outDir);
    expect(Object.keys(after).sort()).toEqual(["dags/a.py", "dags/stale.py"]);
    expect(after["dags/a.py"]!.bytes).toBe(before["dags/a.py"]!.bytes);
    expect(after["dags/stale.py"]).toEqual(before["dags/stale.py"]);
    expect(existsSync(join(outDir, "dags/b.py"))).toBe(false);
  });
});
