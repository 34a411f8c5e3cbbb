// maxConcurrentRuns: 1 while many runners take over one stale lock together. Each round plants a
// lock whose runner is gone, starts RUNNERS processes that wait for one go signal, and has every one
// of them pause between finding the lock stale and taking it over (the LockHooks seam), so all of
// them find it stale before any acts: the race the takeover must survive, made certain rather
// than left to chance. Exactly one may win each round. No randomness, no timing assertion.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { afterAll, describe, it } from "vitest";
import { repoRoot, testsRoot } from "../runner/runner-harness.js";

const ROUNDS = 8;
const RUNNERS = 12;
const PAUSE_MS = 150;

mkdirSync(testsRoot, { recursive: true });
const work = mkdtempSync(join(testsRoot, "stale-lock-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The lock module from source, bundled for plain node processes. */
function lockModule(): string {
  const path = join(work, "run-lock.mjs");
  buildSync({ entryPoints: [join(repoRoot, "packages/runner/src/store/run-lock.ts")], bundle: true, format: "esm", platform: "node", outfile: path, logLevel: "warning" });
  return path;
}

const CONTENDER = (modulePath: string) => `
import { existsSync } from "node:fs";
import { acquireRunLock } from ${JSON.stringify(modulePath)};
const [store, go, done] = process.argv.slice(2);
const nap = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
process.stdout.write("ready\\n");
while (!existsSync(go)) nap(5);
const lock = acquireRunLock(store, "race", 1, "run-" + process.pid, { beforeTakeover: () => nap(${PAUSE_MS}) });
process.stdout.write((lock.acquired ? "acquired" : "refused") + "\\n");
// A winner holds the lock until every contender has tried, so no later acquisition is legitimate.
if (lock.acquired) {
  while (!existsSync(done)) nap(5);
  lock.release();
}
`;

interface Contender {
  output: string;
  readonly exited: Promise<number | null>;
}

function startContender(script: string, store: string, go: string, done: string): Contender {
  const child = spawn(process.execPath, [script, store, go, done], { stdio: ["ignore", "pipe", "inherit"] });
  const contender: Contender = { output: "", exited: new Promise((resolve) => child.on("close", resolve)) };
  child.stdout.setEncoding("utf8").on("data", (text: string) => (contender.output += text));
  return contender;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("stale lock takeover", () => {
  it(`${ROUNDS} rounds of ${RUNNERS} runners taking over one stale lock at once: exactly one wins each round`, { timeout: 120_000 }, async ({ expect }) => {
    const script = join(work, "contender.mjs");
    writeFileSync(script, CONTENDER(lockModule()));
    // A pid that is certainly gone: a process that has exited.
    const deadPid = spawnSync("true").pid!;
    const winners: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const store = join(work, `round-${round}`);
      mkdirSync(store, { recursive: true });
      writeFileSync(join(store, "race.lock.0"), JSON.stringify({ pid: deadPid, runId: "killed-run" }));
      const go = join(store, "go");
      const done = join(store, "done");
      const contenders = Array.from({ length: RUNNERS }, () => startContender(script, store, go, done));
      await until(() => contenders.every((contender) => contender.output.includes("ready")), "every contender to start");
      writeFileSync(go, "");
      await until(() => contenders.every((contender) => /acquired|refused/.test(contender.output)), "every contender to try");
      winners.push(contenders.filter((contender) => contender.output.includes("acquired")).length);
      writeFileSync(done, "");
      await Promise.all(contenders.map((contender) => contender.exited));
      // Nothing of the takeover is left behind: the claims are removed, the lock released.
      expect(readdirSync(store).filter((name) => name.startsWith("race.lock"))).toEqual([]);
      expect(existsSync(join(store, "race.lock.0"))).toBe(false);
    }
    expect(winners).toEqual(Array.from({ length: ROUNDS }, () => 1));
  });
});
