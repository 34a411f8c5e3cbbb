import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface LockHolder {
  readonly pid: number;
  readonly runId: string;
}

export type LockResult =
  | {
      readonly acquired: true;
      /** Names the run in the lock once it has an id, so a refused runner can say which run holds it. */
      readonly name: (runId: string) => void;
      readonly release: () => void;
    }
  | { readonly acquired: false; readonly holders: ReadonlyArray<LockHolder> };

/** Whether a process exists (EPERM: it does, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (failure) {
    return (failure as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, "utf8")) as LockHolder;
    return typeof holder.pid === "number" ? holder : null;
  } catch {
    return null;
  }
}

/**
 * maxConcurrentRuns as files: `<pipeline>.lock.<n>` for n below the limit, created exclusively.
 * A lock whose runner is gone (killed, machine restarted) is taken over. The lock file is linked
 * into place whole, so no runner ever sees one half-written.
 */
export function acquireRunLock(storeRoot: string, pipelineId: string, limit: number, runId: string): LockResult {
  mkdirSync(storeRoot, { recursive: true });
  const holders: LockHolder[] = [];
  const draft = join(storeRoot, `.${pipelineId}.lock.${process.pid}`);
  writeFileSync(draft, JSON.stringify({ pid: process.pid, runId }));
  try {
    return tryEachSlot(storeRoot, pipelineId, limit, draft, holders);
  } finally {
    unlinkSync(draft);
  }
}

function tryEachSlot(storeRoot: string, pipelineId: string, limit: number, draft: string, holders: LockHolder[]): LockResult {
  for (let slot = 0; slot < limit; slot++) {
    const path = join(storeRoot, `${pipelineId}.lock.${slot}`);
    for (let tries = 0; tries < 2; tries++) {
      try {
        linkSync(draft, path);
        return {
          acquired: true,
          name: (runId) => {
            // Renamed over the lock whole: a reader never sees it half-written (and so never takes it for stale).
            const renamed = `${draft}.named`;
            writeFileSync(renamed, JSON.stringify({ pid: process.pid, runId }));
            renameSync(renamed, path);
          },
          release: () => {
            if (readHolder(path)?.pid === process.pid) unlinkSync(path);
          },
        };
      } catch (failure) {
        if ((failure as NodeJS.ErrnoException).code !== "EEXIST") throw failure;
      }
      const holder = readHolder(path);
      if (holder && isAlive(holder.pid)) {
        holders.push(holder);
        break;
      }
      // Its runner is gone.
      try {
        unlinkSync(path);
      } catch {
        /* another runner took it over first */
      }
    }
  }
  return { acquired: false, holders };
}
