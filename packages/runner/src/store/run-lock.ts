import { closeSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writingStore } from "./store-unwritable.js";

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

/** Test seam: called between finding a stale lock and taking it over, so a test can make every runner find it first. */
export interface LockHooks {
  readonly beforeTakeover?: () => void;
}

/** Whether a process exists (EPERM: it does, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (failure) {
    return (failure as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock file as one open file: its inode and its holder (null: not a lock's content). Null when there is no file. */
interface SeenLock {
  readonly inode: string;
  readonly holder: LockHolder | null;
}

function readLock(path: string): SeenLock | null {
  let descriptor: number;
  try {
    descriptor = openSync(path, "r");
  } catch (failure) {
    if ((failure as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw failure;
  }
  try {
    const inode = fstatSync(descriptor, { bigint: true }).ino.toString();
    try {
      const holder = JSON.parse(readFileSync(descriptor, "utf8")) as LockHolder;
      return { inode, holder: typeof holder?.pid === "number" ? holder : null };
    } catch {
      return { inode, holder: null };
    }
  } finally {
    closeSync(descriptor);
  }
}

function readHolder(path: string): LockHolder | null {
  return readLock(path)?.holder ?? null;
}

const isStale = (seen: SeenLock): boolean => seen.holder === null || !isAlive(seen.holder.pid);

/** Creates `path` as a hard link of `draft`: atomic and exclusive. False when it exists. */
function linkExclusive(draft: string, path: string): boolean {
  try {
    linkSync(draft, path);
    return true;
  } catch (failure) {
    if ((failure as NodeJS.ErrnoException).code !== "EEXIST") throw failure;
    return false;
  }
}

/**
 * Replaces the stale lock at `path` whose inode is `inode` by this runner's, or returns false.
 * Two runners that both found it stale must not both win (one removing the lock the other had
 * just put in place), so the takeover of one lock file is itself exclusive: a claim file named
 * after that file's inode, created with link (O_EXCL). The claim's holder checks the lock is still
 * that file and still stale, then renames its own lock over it: the slot is never empty, so no
 * plain `link` can slip in. A claim left by a runner that died during its takeover is itself
 * stale and taken over the same way.
 */
function takeOver(path: string, inode: string, draft: string): boolean {
  const claim = `${path}.takeover.${inode}`;
  if (!linkExclusive(draft, claim)) {
    const seenClaim = readLock(claim);
    if (seenClaim === null || !isStale(seenClaim) || !takeOver(claim, seenClaim.inode, draft)) return false;
  }
  const fresh = `${draft}.take`;
  try {
    const now = readLock(path);
    if (now === null || now.inode !== inode || !isStale(now)) return false;
    writeFileSync(fresh, readFileSync(draft));
    renameSync(fresh, path);
    return true;
  } finally {
    for (const leftover of [fresh, claim]) {
      try {
        unlinkSync(leftover);
      } catch {
        /* renamed into place, or already gone */
      }
    }
  }
}

/**
 * maxConcurrentRuns as files: `<pipeline>.lock.<n>` for n below the limit, created exclusively.
 * A lock whose runner is gone (killed, machine restarted) is taken over, atomically (see
 * takeOver). The lock file is linked or renamed into place whole, so no runner ever sees one
 * half-written.
 */
export function acquireRunLock(storeRoot: string, pipelineId: string, limit: number, runId: string, hooks: LockHooks = {}): LockResult {
  const holders: LockHolder[] = [];
  const draft = join(storeRoot, `.${pipelineId}.lock.${process.pid}`);
  writingStore(storeRoot, () => {
    mkdirSync(storeRoot, { recursive: true });
    writeFileSync(draft, JSON.stringify({ pid: process.pid, runId }));
  });
  try {
    for (let slot = 0; slot < limit; slot++) {
      const path = join(storeRoot, `${pipelineId}.lock.${slot}`);
      const holder = trySlot(path, draft, hooks);
      if (holder === "acquired") return held(path, draft);
      if (holder !== null) holders.push(holder);
    }
    return { acquired: false, holders };
  } finally {
    unlinkSync(draft);
  }
}

/** "acquired", or the live runner holding the slot (null: it could not be told, the slot changed hands meanwhile). */
function trySlot(path: string, draft: string, hooks: LockHooks): "acquired" | LockHolder | null {
  // Bounded: each round either wins, meets a live holder, or saw the slot change hands (someone else won).
  for (let tries = 0; tries < 3; tries++) {
    if (linkExclusive(draft, path)) return "acquired";
    const seen = readLock(path);
    if (seen === null) continue;
    if (!isStale(seen)) return seen.holder;
    hooks.beforeTakeover?.();
    if (takeOver(path, seen.inode, draft)) return "acquired";
  }
  const last = readLock(path);
  return last !== null && !isStale(last) ? last.holder : null;
}

function held(path: string, draft: string): LockResult {
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
}
