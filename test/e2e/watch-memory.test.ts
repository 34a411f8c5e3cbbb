// `orchc build --watch` left running: Node never frees an imported ES module, so a watcher that
// imported every save's bundle into itself grew for as long as it ran. Loading in workers that are
// replaced every 10 loads, its memory swings within each worker's life but no longer climbs.
// Measured on this pipeline (MiB after edits 10, 20, … 80): before, 108 118 120 120 124 130 138 146
// (and on); after, 118 120 120 121 121 119 121 122, with peaks of 135–139 within every ten edits.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempProjects } from "./cli-helpers.js";
import { occurrences, startWatch } from "./watch-helpers.js";
// @ts-expect-error: a plain .mjs script shared with the bench, without declarations
import { dslPipeline } from "../bench/generate-pipeline.mjs";

const project = useTempProjects();
const TASKS = 400;
const EDITS = 80;
/**
 * The peak resident memory over edits 16–30 and over the last fifteen: each window spans at least
 * one whole worker's life whatever its phase, so a bounded watcher peaks alike in both. Eighty
 * edits, because the old watcher's growth comes in steps as V8 sizes its heap (it stood still
 * between edits 20 and 40 of this pipeline) and the test must see it.
 */
const EARLY = [16, 30];
const LATE = [EDITS - 14, EDITS];
/**
 * Above what the two peaks of a bounded watcher differ by (measured ≤ 2 MiB), below what the old
 * watcher grew by between them (measured 17–32 MiB).
 */
const BOUND_MIB = 8;

/** The process's resident memory in MiB, as the kernel counts it (Linux only). */
const rssMiB = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

/** The states of the process's children (`Z`: exited, never reaped), across all its threads. */
const childStates = (pid: number): string[] =>
  readdirSync(`/proc/${pid}/task`)
    .flatMap((thread) => readFileSync(`/proc/${pid}/task/${thread}/children`, "utf8").trim().split(/\s+/).filter(Boolean))
    .map((child) => readFileSync(`/proc/${child}/stat`, "utf8").split(") ")[1]!.split(" ")[0]!);

describe.runIf(process.platform === "linux")("orchc build --watch over a long session", () => {
  it(`does not grow over ${EDITS} edits of a ${TASKS}-task pipeline (peaks within ${BOUND_MIB} MiB)`, { timeout: 240_000 }, async () => {
    const cwd = project({ "pipeline.ts": (dslPipeline as (count: number) => string)(TASKS) });
    const source = join(cwd, "pipeline.ts");
    const watch = startWatch(["build", "--target", "ir", "--watch"], cwd);
    let text = readFileSync(source, "utf8");
    const readings: number[] = [];
    try {
      await watch.waitFor("the first build", () => watch.stdout().includes("built in"));
      for (let edit = 1; edit <= EDITS; edit++) {
        // A different task's command each time, so every save is a new bundle to load.
        const task = (edit * 37) % TASKS;
        text = text.replace(`--n ${task} `, `--n ${task}e${edit} `);
        writeFileSync(source, text);
        await watch.waitFor(`edit ${edit}'s rebuild`, () => occurrences(watch.stdout(), "rebuilt in") === edit, 30_000);
        readings[edit] = rssMiB(watch.pid);
      }
      expect(watch.stderr()).toBe("");
      // Each worker ran its own esbuild service; a replaced one must not leave it behind as a zombie.
      expect(childStates(watch.pid).filter((state) => state === "Z")).toEqual([]);
    } finally {
      expect(await watch.stop("SIGINT")).toBe(0);
    }
    const peak = ([from, to]: number[]) => Math.max(...readings.slice(from, to! + 1));
    process.stdout.write(`watch memory (MiB) after each edit: ${readings.slice(1).map((value) => value.toFixed(0)).join(" ")}\n`);
    expect(peak(LATE) - peak(EARLY)).toBeLessThan(BOUND_MIB);
  });
});
