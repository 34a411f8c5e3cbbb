// A run store that cannot be written is bad input (RunInputError, problem "store": ORC505 in `orchc
// run`, exit 1 in a generated runner), on both first writes: the run's folder and a maxConcurrentRuns lock.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RunInputError } from "../../../packages/runner/src/engine/run-input-error.js";
import { acquireRunLock } from "../../../packages/runner/src/store/run-lock.js";
import { RunStore } from "../../../packages/runner/src/store/run-store.js";

const scratch = mkdtempSync(join(tmpdir(), "orchc-store-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A folder under a regular file: refused by the file system for root too, unlike a mode.
const file = join(scratch, "a-file");
writeFileSync(file, "");
const storeUnderFile = join(file, "runs");

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (failure) {
    return failure;
  }
  throw new Error("did not throw");
}

describe("an unwritable run store", () => {
  it.each([
    { first: "the run's folder", action: () => new RunStore(storeUnderFile).createRun("nightly", Date.UTC(2026, 0, 2)) },
    { first: "a maxConcurrentRuns lock", action: () => acquireRunLock(storeUnderFile, "nightly", 1, "nightly-20260102T000000Z") },
  ])("is bad input naming the store and --store when $first is written first", ({ action }) => {
    const failure = thrownBy(action);
    expect(failure).toBeInstanceOf(RunInputError);
    expect(failure).toMatchObject({ problem: "store", message: `cannot write the run store ${storeUnderFile} (ENOTDIR)`, hint: "pass `--store <dir>` with a folder you can write" });
  });

  it("is bad input too when the store is a file", () => {
    expect(thrownBy(() => new RunStore(file).createRun("nightly", Date.UTC(2026, 0, 2)))).toMatchObject({ problem: "store", message: `cannot write the run store ${file} (EEXIST)` });
  });

  it("still gives a second run in the same second a suffix: that EEXIST is not the store's", () => {
    const store = new RunStore(join(scratch, "fine"));
    const runId = store.createRun("nightly", Date.UTC(2026, 0, 2));
    expect(runId).toBe("nightly-20260102T000000Z");
    expect(store.createRun("nightly", Date.UTC(2026, 0, 2))).toBe("nightly-20260102T000000Z-2");
  });
});
