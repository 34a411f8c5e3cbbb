// A build killed with SIGKILL at random points, some of them inside the batch of renames, never
// leaves a torn file, and the next write into the folder leaves either the previous output or the
// new one, byte for byte: never a mix, never a stray temp file.
import { spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { recoverInterruptedWrites } from "../../packages/compiler/src/output/recover-interrupted-writes.js";
import { cliBin, runCli, snapshotTree, useTempProjects } from "../e2e/cli-helpers.js";
import { seededRandom, testSeed } from "../test-seed.js";

const PIPELINES = 300;
const KILLS = Number(process.env.KILL_RUNS ?? 24);
// When each kill lands; the process timing itself still varies, which is what the test is about.
const SEED = testSeed("KILL_SEED");
const random = seededRandom(SEED);

const source = (version: string) =>
  [
    'import { notebook, pipeline } from "orchc";',
    ...Array.from({ length: PIPELINES }, (_, index) => [
      `export const p${index} = pipeline("killed_${index}", { description: "version ${version}" });`,
      `p${index}.task("a", notebook("src/a.py", { v: "${version}" }));`,
      `p${index}.task("b", notebook("src/b.py")).after("a");`,
    ]).flat(),
    "",
  ].join("\n");

const bytesOf = (tree: ReturnType<typeof snapshotTree>) => Object.fromEntries(Object.entries(tree).map(([path, file]) => [path, file.bytes]));

describe(`a build killed mid-write (seed ${SEED}; KILL_SEED replays)`, () => {
  const project = useTempProjects();
  let directory = "";
  let before: Record<string, string> = {};
  let after: Record<string, string> = {};

  beforeAll(() => {
    directory = project({ "pipeline.ts": source("new") });
    expect(runCli(["build", "-t", "databricks", "-o", "next"], { cwd: directory }).status).toBe(0);
    after = bytesOf(snapshotTree(join(directory, "next")));
    writeFileSync(join(directory, "pipeline.ts"), source("old"));
    expect(runCli(["build", "-t", "databricks", "-o", "previous"], { cwd: directory }).status).toBe(0);
    before = bytesOf(snapshotTree(join(directory, "previous")));
    writeFileSync(join(directory, "pipeline.ts"), source("new"));
    expect(Object.keys(before)).toHaveLength(PIPELINES + 1);
  });

  /** Starts the new build over a copy of the previous output and kills it `when` (ms), or as soon as its journal appears. */
  function killedBuild(when: number | "journal"): Promise<void> {
    const out = join(directory, "out");
    rmSync(out, { recursive: true, force: true });
    cpSync(join(directory, "previous"), out, { recursive: true });
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cliBin, "build", "-t", "databricks", "-o", "out"], { cwd: directory, stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
      const kill = () => child.kill("SIGKILL");
      // Somewhere in the batch: writing temps, linking backups, renaming, or committing.
      const watcher = when === "journal" ? watch(out, (_event, name) => name?.startsWith(".orchc-write-") && setTimeout(kill, random() * 150)) : null;
      const timer = typeof when === "number" ? setTimeout(kill, when) : null;
      child.on("exit", () => {
        watcher?.close();
        if (timer) clearTimeout(timer);
        resolve();
      });
    });
  }

  it(`${KILLS} kills: every file whole, then exactly the previous output or the new one`, async () => {
    const outcomes = { previous: 0, next: 0, interrupted: 0, mixedBeforeRecovery: 0 };
    for (let run = 0; run < KILLS; run++) {
      await killedBuild(run % 2 === 0 ? "journal" : Math.floor(random() * 900));
      const out = join(directory, "out");
      for (const [path, bytes] of Object.entries(bytesOf(snapshotTree(out)))) {
        if (/\.orchc-(tmp|old)-\d+$|\.orchc-write-\d+\.json/.test(path)) continue;
        expect([before[path], after[path]], `run ${run}: ${path} is torn`).toContain(bytes);
      }
      const onDisk = bytesOf(snapshotTree(out));
      if (Object.keys(onDisk).some((path) => path.includes(".orchc-write-"))) outcomes.interrupted++;
      const generated = Object.fromEntries(Object.entries(onDisk).filter(([path]) => !path.includes(".orchc-")));
      if (JSON.stringify(generated) !== JSON.stringify(before) && JSON.stringify(generated) !== JSON.stringify(after)) outcomes.mixedBeforeRecovery++;
      recoverInterruptedWrites(out);
      const recovered = bytesOf(snapshotTree(out));
      const same = (expected: Record<string, string>) => JSON.stringify(recovered) === JSON.stringify(expected);
      const strays = Object.keys(recovered).filter((path) => !(path in before));
      const differing = Object.keys(recovered).filter((path) => recovered[path] !== before[path] && recovered[path] !== after[path]);
      expect(same(before) || same(after), `run ${run}: a mix of ${Object.keys(recovered).length} files; strays ${strays.slice(0, 5).join(", ")}; new ${Object.keys(recovered).filter((path) => recovered[path] === after[path] && before[path] !== after[path]).length}; neither ${differing.length}`).toBe(true);
      outcomes[same(before) ? "previous" : "next"]++;
    }
    console.log(`[killed builds] ${JSON.stringify(outcomes)}`);
    // Half the kills wait for the journal, so some land inside a batch: the case the journal is for.
    expect(outcomes.interrupted).toBeGreaterThan(0);
    expect(outcomes.previous).toBeGreaterThan(0);
    const final = runCli(["build", "-t", "databricks", "-o", "out"], { cwd: directory });
    expect(final.status, final.stderr).toBe(0);
    expect(bytesOf(snapshotTree(join(directory, "out")))).toEqual(after);
    expect(existsSync(join(directory, "out", "databricks.yml"))).toBe(true);
    expect(readFileSync(join(directory, "out", "resources", "killed_0.job.yml"), "utf8")).toContain("version new");
  }, 120_000);
});
