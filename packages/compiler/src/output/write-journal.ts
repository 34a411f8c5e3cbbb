import { linkSync, renameSync, unlinkSync } from "node:fs";
import { backupPathFor, journalPathFor } from "./orchc-file-names.js";
import { quietly } from "./output-fs.js";
import type { OutputPath } from "./resolve-output-path.js";
import { writeFresh } from "./write-fresh.js";

/**
 * A crash-safe record of one batch of renames. A batch replaces several files, and a process killed
 * between two renames would leave some new files beside old ones. Before renaming, the batch writes
 * this journal and hard-links every file it replaces to a backup; the next write into the same
 * folder finds the journal of a dead process and puts the previous files back.
 *
 * The journal names only output-relative paths; the temp and backup names are derived from them and
 * the pid, so a journal cannot point recovery at any file orchc would not have made itself.
 */
export interface JournalEntry {
  /** Output-relative, `/`-separated. */
  readonly path: string;
  /** Whether the previous file is kept (at its backup name) until the batch is done; false for a new file. */
  readonly backup: boolean;
}

export interface Journal {
  readonly version: 2;
  readonly pid: number;
  readonly committed: boolean;
  readonly entries: ReadonlyArray<JournalEntry>;
  /** Output-relative folders the batch creates, outermost first; removed again when it is rolled back. */
  readonly directories: ReadonlyArray<string>;
}

function save(outDir: string, journal: Journal): void {
  const path = journalPathFor(outDir, journal.pid);
  writeFresh(`${path}.tmp`, JSON.stringify(journal));
  renameSync(`${path}.tmp`, path);
}

export class WriteJournal {
  readonly #outDir: string;
  readonly #journal: Journal;
  readonly #backups: ReadonlyArray<{ final: string; backup: string }>;

  private constructor(outDir: string, journal: Journal, backups: ReadonlyArray<{ final: string; backup: string }>) {
    this.#outDir = outDir;
    this.#journal = journal;
    this.#backups = backups;
  }

  /** Written before the first temp file, so a kill at any later point is recoverable. */
  static open(outDir: string, files: ReadonlyArray<{ path: OutputPath; backup: boolean }>, directories: ReadonlyArray<string>): WriteJournal {
    const journal: Journal = { version: 2, pid: process.pid, committed: false, entries: files.map((file) => ({ path: file.path.relative, backup: file.backup })), directories };
    save(outDir, journal);
    const backups = files.filter((file) => file.backup).map((file) => ({ final: file.path.absolute, backup: backupPathFor(file.path.absolute, process.pid) }));
    return new WriteJournal(outDir, journal, backups);
  }

  /** Keeps the previous files reachable while the batch renames over them. */
  linkBackups(): void {
    for (const { final, backup } of this.#backups) {
      // A leftover of an earlier process with this pid, or something planted there: link(2) would refuse it.
      quietly(() => unlinkSync(backup));
      linkSync(final, backup);
    }
  }

  /** The batch is done: from here on a recovery keeps the new files and only tidies up. */
  commit(): void {
    save(this.#outDir, { ...this.#journal, committed: true });
    this.discard();
  }

  /** The batch failed in this process (its own rollback restored the files), or is committed: forget it. */
  discard(): void {
    for (const { backup } of this.#backups) quietly(() => unlinkSync(backup));
    quietly(() => unlinkSync(journalPathFor(this.#outDir, this.#journal.pid)));
  }
}
