import { existsSync, linkSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sameFile } from "./same-file.js";

/**
 * A crash-safe record of one batch of renames. A batch replaces several files, and a process killed
 * between two renames would leave some new files beside old ones. Before renaming, the batch writes
 * this journal and hard-links every file it replaces to a backup; the next write into the same
 * folder finds the journal of a dead process and puts the previous files back.
 */
export interface JournalEntry {
  readonly final: string;
  readonly temp: string;
  /** Where the previous file is kept until the batch is done; null for a file that is new. */
  readonly backup: string | null;
}

interface Journal {
  readonly pid: number;
  readonly committed: boolean;
  readonly entries: ReadonlyArray<JournalEntry>;
  /** Folders the batch creates, deepest last; removed again when it is rolled back. */
  readonly directories: ReadonlyArray<string>;
}

const JOURNAL_NAME = /^\.orchc-write-(\d+)\.json(\.tmp)?$/;
const journalPath = (outDir: string, pid: number): string => join(outDir, `.orchc-write-${pid}.json`);
export const backupPathFor = (temp: string): string => temp.replace(/\.orchc-tmp-(\d+)$/, ".orchc-old-$1");

const quietly = (action: () => void): void => {
  try {
    action();
  } catch {
    // Already gone, or never made: either way there is nothing left to undo.
  }
};

function save(outDir: string, journal: Journal): void {
  const path = journalPath(outDir, journal.pid);
  writeFileSync(`${path}.tmp`, JSON.stringify(journal));
  renameSync(`${path}.tmp`, path);
}

export class WriteJournal {
  readonly #outDir: string;
  readonly #journal: Journal;

  private constructor(outDir: string, journal: Journal) {
    this.#outDir = outDir;
    this.#journal = journal;
  }

  /** Written before the first temp file, so a kill at any later point is recoverable. */
  static open(outDir: string, entries: ReadonlyArray<JournalEntry>, directories: ReadonlyArray<string>): WriteJournal {
    const journal: Journal = { pid: process.pid, committed: false, entries, directories };
    save(outDir, journal);
    return new WriteJournal(outDir, journal);
  }

  /** Keeps the previous files reachable while the batch renames over them. */
  linkBackups(): void {
    for (const entry of this.#journal.entries) if (entry.backup !== null) linkSync(entry.final, entry.backup);
  }

  /** The batch is done: from here on a recovery keeps the new files and only tidies up. */
  commit(): void {
    save(this.#outDir, { ...this.#journal, committed: true });
    for (const entry of this.#journal.entries) if (entry.backup !== null) quietly(() => unlinkSync(entry.backup!));
    quietly(() => unlinkSync(journalPath(this.#outDir, this.#journal.pid)));
  }

  /** The batch failed in this process (its own rollback restored the files): forget it. */
  discard(): void {
    for (const entry of this.#journal.entries) if (entry.backup !== null) quietly(() => unlinkSync(entry.backup!));
    quietly(() => unlinkSync(journalPath(this.#outDir, this.#journal.pid)));
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // This process has no batch open yet: the journal is an earlier process's.
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === "EPERM";
  }
}

function rollBack(journal: Journal): void {
  for (const entry of [...journal.entries].reverse()) {
    // rename(2) between two links of one file does nothing and keeps both names, so the backup is unlinked instead.
    if (entry.backup !== null && existsSync(entry.backup)) {
      if (sameFile(entry.backup, entry.final)) unlinkSync(entry.backup);
      else renameSync(entry.backup, entry.final);
    }
    else if (entry.backup === null && !existsSync(entry.temp) && existsSync(entry.final)) unlinkSync(entry.final);
    quietly(() => unlinkSync(entry.temp));
  }
  for (const directory of [...journal.directories].reverse()) quietly(() => rmdirSync(directory));
}

/**
 * Finishes what a killed write into `outDir` left: an uncommitted batch is rolled back to the files
 * it found, a committed one keeps its new files. Returns the journals it handled.
 */
export function recoverInterruptedWrites(outDir: string): number {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return 0;
  }
  let recovered = 0;
  for (const name of names) {
    const pid = Number(JOURNAL_NAME.exec(name)?.[1] ?? Number.NaN);
    if (Number.isNaN(pid) || isAlive(pid)) continue;
    const path = join(outDir, name);
    if (name.endsWith(".tmp")) {
      // Killed while saving the journal: either the first save (nothing written yet) or the commit (saved again next).
      if (!existsSync(path.slice(0, -".tmp".length))) quietly(() => unlinkSync(path));
      continue;
    }
    let journal: Journal;
    try {
      journal = JSON.parse(readFileSync(path, "utf8")) as Journal;
    } catch {
      // Killed while the journal itself was being renamed into place cannot happen (rename is atomic); a torn one is not ours.
      continue;
    }
    if (journal.committed) {
      for (const entry of journal.entries) {
        if (entry.backup !== null) quietly(() => unlinkSync(entry.backup!));
        quietly(() => unlinkSync(entry.temp));
      }
    } else {
      rollBack(journal);
    }
    quietly(() => unlinkSync(path));
    quietly(() => unlinkSync(`${path}.tmp`));
    recovered++;
  }
  return recovered;
}
