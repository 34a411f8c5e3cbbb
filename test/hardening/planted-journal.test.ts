// What sits in the output folder is not trusted. A write journal orchc did not write, or one whose
// entries name anything but orchc's own files inside the output, is refused with ORC405 before it
// is acted on: no file anywhere is deleted, renamed or replaced, and the build exits 1.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, runCli, useTempProjects } from "../e2e/cli-helpers.js";

const project = useTempProjects();

const SOURCE = ['import { notebook, pipeline } from "orchc";', 'export const daily = pipeline("planted_daily", { description: "d" });', 'daily.task("a", notebook("src/a.py"));', ""].join("\n");

/** A pid no process has, so the journal looks like a killed build's. */
function deadPid(): number {
  for (let pid = 4_000_000; pid > 1000; pid -= 7919) {
    try {
      process.kill(pid, 0);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
  throw new Error("no free pid found");
}

/** A project beside a folder standing for the rest of the user's disk (their home, another checkout). */
function plantedProject(journal: (paths: { project: string; outside: string; pid: number }) => unknown, out = ".") {
  const directory = project({ "pipeline.ts": SOURCE });
  const outside = join(directory, "outside");
  mkdirSync(outside);
  writeFileSync(join(outside, "victim.txt"), "precious\n");
  writeFileSync(join(outside, ".bashrc"), "export PATH=/usr/bin\n");
  writeFileSync(join(directory, "notes.txt"), "my notes\n");
  const outDir = join(directory, out);
  mkdirSync(outDir, { recursive: true });
  const pid = deadPid();
  const journalPath = join(outDir, `.orchc-write-${pid}.json`);
  writeFileSync(journalPath, JSON.stringify(journal({ project: directory, outside, pid })));
  return { directory, outside, journalPath, outDir };
}

/** Every entry under a folder with its bytes, mtime, or link target; links are recorded, not followed. */
function snapshotTree(directory: string, prefix = ""): Record<string, string> {
  const snapshot: Record<string, string> = {};
  for (const name of readdirSync(join(directory, prefix))) {
    const path = join(prefix, name);
    const stats = lstatSync(join(directory, path));
    if (stats.isSymbolicLink()) snapshot[path] = `-> ${readlinkSync(join(directory, path))}`;
    else if (stats.isDirectory()) Object.assign(snapshot, snapshotTree(directory, path));
    else snapshot[path] = `${readFileSync(join(directory, path)).toString("base64")} ${stats.mtimeMs}`;
  }
  return snapshot;
}

function expectRefused(directory: string, journalPath: string, args: string[]) {
  const before = snapshotTree(directory);
  const result = runCli(["build", "-t", "ir", ...args], { cwd: directory });
  expect(result.status, result.stderr).toBe(1);
  expect(result.stderr).toContain("ORC405");
  expect(result.stderr).toContain(`.orchc-write-`);
  expectNoStackTrace(result.stderr);
  // Nothing touched: not the victims, not the journal, and no output written.
  expect(snapshotTree(directory)).toEqual(before);
  expect(existsSync(journalPath)).toBe(true);
  return result;
}

describe("a planted write journal", () => {
  it("naming absolute paths outside the output: refused, the files it names are untouched", () => {
    const { directory, outside, journalPath } = plantedProject(({ project, outside, pid }) => ({
      pid,
      committed: false,
      entries: [
        { final: join(outside, "victim.txt"), temp: join(project, "missing"), backup: null },
        { final: join(outside, ".bashrc"), temp: join(project, "missing2"), backup: join(project, "notes.txt") },
      ],
      directories: [outside],
    }));
    expectRefused(directory, journalPath, []);
    expect(readFileSync(join(outside, "victim.txt"), "utf8")).toBe("precious\n");
    expect(readFileSync(join(outside, ".bashrc"), "utf8")).toBe("export PATH=/usr/bin\n");
    expect(readFileSync(join(directory, "notes.txt"), "utf8")).toBe("my notes\n");
  });

  it("naming paths relative to the working directory or with `..`: refused", () => {
    const { directory, outside, journalPath } = plantedProject(
      ({ pid }) => ({
        pid,
        committed: false,
        entries: [
          { final: "notes.txt", temp: "missing", backup: null },
          { final: "../outside/victim.txt", temp: "../missing", backup: null },
          { final: "ir/../../outside/.bashrc", temp: "ir/.x.orchc-tmp-1", backup: null },
        ],
        directories: [],
      }),
      "out",
    );
    expectRefused(directory, journalPath, ["-o", "out"]);
    expect(readFileSync(join(directory, "notes.txt"), "utf8")).toBe("my notes\n");
    expect(readFileSync(join(outside, "victim.txt"), "utf8")).toBe("precious\n");
  });

  it("of a committed batch naming foreign temp and backup files: refused, nothing is deleted", () => {
    const { directory, outside, journalPath } = plantedProject(({ outside, pid }) => ({
      pid,
      committed: true,
      entries: [{ final: "ir/planted_daily.ir.json", temp: join(outside, "victim.txt"), backup: join(outside, ".bashrc") }],
      directories: [],
    }));
    expectRefused(directory, journalPath, []);
    expect(readFileSync(join(outside, "victim.txt"), "utf8")).toBe("precious\n");
  });

  it("naming a file inside the output that orchc did not generate: refused, the file stays", () => {
    // A new file in a killed batch is deleted on rollback, but only if it is orchc's output; a user's file is not.
    const { directory, journalPath } = plantedProject(({ pid }) => ({ pid, committed: false, entries: [{ path: "notes.txt", backup: false }], directories: [] }));
    expectRefused(directory, journalPath, []);
    expect(readFileSync(join(directory, "notes.txt"), "utf8")).toBe("my notes\n");
  });

  it("naming a file behind a symlinked folder inside the output: refused", () => {
    const { directory, outside, journalPath } = plantedProject(({ pid }) => ({ pid, committed: false, entries: [{ path: "link/victim.txt", backup: false }], directories: ["link"] }));
    symlinkSync(outside, join(directory, "link"));
    expectRefused(directory, journalPath, []);
    expect(readFileSync(join(outside, "victim.txt"), "utf8")).toBe("precious\n");
  });

  it("that is not JSON, or not a journal at all: refused", () => {
    const { directory, journalPath } = plantedProject(() => ({ hello: "world" }));
    expectRefused(directory, journalPath, []);
    writeFileSync(journalPath, "{ torn");
    expectRefused(directory, journalPath, []);
  });

  it("once the user has removed it, the build goes through", () => {
    const { directory, journalPath } = plantedProject(({ pid }) => ({ pid, committed: false, entries: [{ path: "../x", backup: false }], directories: [] }));
    expectRefused(directory, journalPath, []);
    rmSync(journalPath);
    const result = runCli(["build", "-t", "ir"], { cwd: directory });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(directory, "ir", "planted_daily.ir.json"))).toBe(true);
  });
});
