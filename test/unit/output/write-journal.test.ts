import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempPathFor } from "../../../packages/compiler/src/output/orchc-file-names.js";
import { OutputRefusedError } from "../../../packages/compiler/src/output/output-refused-error.js";
import { resolveOutputPath } from "../../../packages/compiler/src/output/resolve-output-path.js";
import { recoverInterruptedWrites } from "../../../packages/compiler/src/output/recover-interrupted-writes.js";
import { WriteJournal } from "../../../packages/compiler/src/output/write-journal.js";
import { put, rendered, snapshot, tempDir } from "./output-fixtures.js";

/** The state a build leaves when killed after its first rename: one file new, one old, one new file not yet in place. */
function killedAfterFirstRename(outDir: string) {
  put(outDir, "dags/a.py", rendered("dags/a.py", "a = 1\n").text);
  put(outDir, "dags/b.py", rendered("dags/b.py", "b = 1\n").text);
  const before = snapshot(outDir);
  const files = ["dags/a.py", "dags/b.py", "sub/c.py"].map((path) => resolveOutputPath(outDir, path, "file"));
  const journal = WriteJournal.open(outDir, files.map((path) => ({ path, backup: path.relative !== "sub/c.py" })), ["sub"]);
  mkdirSync(join(outDir, "sub"));
  for (const path of files) writeFileSync(tempPathFor(path.absolute, process.pid), rendered(path.relative, "new = 2\n").text);
  journal.linkBackups();
  renameSync(tempPathFor(files[0]!.absolute, process.pid), files[0]!.absolute);
  return before;
}

describe("recoverInterruptedWrites", () => {
  it("rolls a journal orchc wrote back to the previous files, leaving none of its own files behind", () => {
    const outDir = tempDir();
    const before = killedAfterFirstRename(outDir);
    expect(readFileSync(join(outDir, "dags/a.py"), "utf8")).toContain("new = 2");
    // A journal of this process counts as an earlier, killed one: this process has no batch open.
    expect(recoverInterruptedWrites(outDir)).toBe(1);
    expect(snapshot(outDir)).toEqual(Object.fromEntries(Object.entries(before).map(([path, file]) => [path, { ...file, mtimeMs: expect.any(Number) }])));
    expect(existsSync(join(outDir, "sub"))).toBe(false);
  });

  it("refuses the whole journal, touching nothing, when one entry is not orchc's", () => {
    const outDir = tempDir();
    killedAfterFirstRename(outDir);
    const journalPath = join(outDir, `.orchc-write-${process.pid}.json`);
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
    journal.entries.push({ path: "../outside.txt", backup: false });
    writeFileSync(journalPath, JSON.stringify(journal));
    const planted = snapshot(outDir);
    let refused: unknown;
    try {
      recoverInterruptedWrites(outDir);
    } catch (failure) {
      refused = failure;
    }
    expect(refused).toBeInstanceOf(OutputRefusedError);
    const [diagnostic] = (refused as OutputRefusedError).diagnostics;
    expect(diagnostic).toMatchObject({ code: "ORC405", severity: "error", location: { file: journalPath } });
    expect(diagnostic!.message).toContain("../outside.txt");
    expect(snapshot(outDir)).toEqual(planted);
  });
});
