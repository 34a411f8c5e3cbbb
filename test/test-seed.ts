// Seeds for every randomised test. CI must never fail by chance, so by default a seed is derived
// from the commit under test: the same commit always replays the same cases, and each new commit
// explores new ones. The seed is printed in the test's name; `NAME=<seed>` replays a red run, and
// `NAME=random` draws a fresh seed for exploring outside `.ci/run`.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";

let commit: string | undefined;
function commitUnderTest(): string {
  if (commit !== undefined) return commit;
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: import.meta.dirname, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // Outside a git checkout (an unpacked tarball): one fixed seed, still deterministic.
    commit = "no-commit";
  }
  return commit;
}

/** The seed for the variable `name` (e.g. FUZZ_SEED): given, `random`, or derived from the commit. */
export function testSeed(name: string): number {
  const given = process.env[name];
  if (given === "random") return Math.floor(Math.random() * 2 ** 31);
  if (given !== undefined && given !== "") {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed)) throw new Error(`${name}=${given}: a seed is a whole number, or "random"`);
    return seed;
  }
  return createHash("sha256").update(`${commitUnderTest()}:${name}`).digest().readUInt32BE(0) & 0x7fffffff;
}

/** A small seeded generator (mulberry32) for timings and choices outside fast-check. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
