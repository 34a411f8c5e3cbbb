import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmdirSync, symlinkSync, unlinkSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { editedFileDiagnostic } from "./edited-file-diagnostic.js";
import { findStaleFiles } from "./find-stale-files.js";
import { linkedDirectoryDiagnostics } from "./linked-directory-diagnostics.js";
import { tempPathFor } from "./orchc-file-names.js";
import { quietly } from "./output-fs.js";
import { OutputRefusedError } from "./output-refused-error.js";
import type { OutputRequest } from "./output-request.js";
import { resolveOutputPath, type OutputPath } from "./resolve-output-path.js";
import { writeFresh } from "./write-fresh.js";
import { recoverInterruptedWrites } from "./recover-interrupted-writes.js";
import { WriteJournal } from "./write-journal.js";

export interface WriteResult {
  /** Output-relative paths, in the order the files were given. */
  readonly written: string[];
  readonly unchanged: string[];
  readonly removed: string[];
  /** Files left in place that the build would otherwise have removed (ORC403 warnings). */
  readonly warnings: Diagnostic[];
}

/** What a write replaces: a file (restored byte for byte on rollback) or a symbolic link (replaced, never written through). */
type Existing = { readonly kind: "file"; readonly bytes: Buffer; readonly mode: number } | { readonly kind: "link"; readonly target: string };

interface PlannedWrite {
  readonly path: OutputPath;
  readonly bytes: Buffer;
  readonly existing: Existing | null;
  readonly temp: string;
}

const errnoCode = (cause: unknown): string | undefined => (cause as NodeJS.ErrnoException | null)?.code;
const reason = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

function readExisting(path: OutputPath): Existing | null {
  let stats;
  try {
    stats = lstatSync(path.absolute);
  } catch (cause) {
    if (errnoCode(cause) === "ENOENT" || errnoCode(cause) === "ENOTDIR") return null;
    throw new Error(`could not read ${path.relative}: ${reason(cause)}`, { cause });
  }
  // A link is replaced by the file itself (the rename swaps the link, not what it points to).
  if (stats.isSymbolicLink()) return { kind: "link", target: readlinkSync(path.absolute) };
  // Caught before any write: a rename onto a directory would fail halfway through the batch.
  if (!stats.isFile()) throw new Error(`could not write ${path.relative}: something other than a file is in the way`);
  return { kind: "file", bytes: readFileSync(path.absolute), mode: stats.mode & 0o7777 };
}

/** Creates a directory and remembers which levels are new, so a failed batch can take them back. */
function makeDirectory(directory: string, created: string[]): void {
  const first = mkdirSync(directory, { recursive: true });
  if (first === undefined) return;
  for (let current = directory; ; current = dirname(current)) {
    created.push(current);
    if (current === first || dirname(current) === current) break;
  }
}

function removeDirectories(created: ReadonlyArray<string>): void {
  // Deepest first; a directory something else was written into since stays.
  for (const directory of [...new Set(created)].sort((a, b) => b.length - a.length)) quietly(() => rmdirSync(directory));
}

function writeTemp(write: PlannedWrite, bytes: Buffer, mode: number | null): void {
  writeFresh(write.temp, bytes);
  // A rename replaces the inode, so an executable bit the user set would be lost without this.
  if (mode !== null) chmodSync(write.temp, mode);
}

/** Puts back what a partly renamed batch replaced; returns the paths it could not restore. */
function rollBack(renamed: ReadonlyArray<PlannedWrite>): string[] {
  const failed: string[] = [];
  for (const write of [...renamed].reverse()) {
    const { existing } = write;
    const restored = existing
      ? quietly(() => {
          if (existing.kind === "file") writeTemp(write, existing.bytes, existing.mode);
          else symlinkSync(existing.target, write.temp);
          renameSync(write.temp, write.path.absolute);
        })
      : quietly(() => unlinkSync(write.path.absolute));
    if (!restored) {
      quietly(() => unlinkSync(write.temp));
      failed.push(write.path.relative);
    }
  }
  return failed;
}

/** The folders the batch will create inside the output root, outermost first, output-relative for the journal. */
function missingDirectories(root: string, planned: ReadonlyArray<PlannedWrite>): string[] {
  const missing = new Set<string>();
  for (const write of planned) {
    for (let current = dirname(write.path.absolute); current !== root && !existsSync(current) && dirname(current) !== current; current = dirname(current)) {
      missing.add(relative(root, current).split(sep).join("/"));
    }
  }
  return [...missing].sort((a, b) => a.length - b.length);
}

function writeAtomically(outDir: string, planned: ReadonlyArray<PlannedWrite>): void {
  if (planned.length === 0) return;
  const created: string[] = [];
  const temps = new Set<string>();
  let journal: WriteJournal | null = null;
  const abandon = (message: string, cause: unknown): never => {
    for (const temp of temps) quietly(() => unlinkSync(temp));
    removeDirectories(created);
    journal?.discard();
    throw new Error(message, { cause });
  };
  try {
    mkdirSync(outDir, { recursive: true });
    const root = resolve(outDir);
    journal = WriteJournal.open(
      root,
      planned.map((write) => ({ path: write.path, backup: write.existing !== null })),
      missingDirectories(root, planned),
    );
  } catch (cause) {
    abandon(`could not write the output directory: ${reason(cause)}`, cause);
  }
  let current: PlannedWrite | undefined;
  try {
    for (current of planned) {
      makeDirectory(dirname(current.path.absolute), created);
      temps.add(current.temp);
      writeTemp(current, current.bytes, current.existing?.kind === "file" ? current.existing.mode : null);
    }
  } catch (cause) {
    abandon(`could not write ${current?.path.relative ?? "the output directory"}: ${reason(cause)}`, cause);
  }
  try {
    journal!.linkBackups();
  } catch (cause) {
    abandon(`could not keep the previous files while writing: ${reason(cause)}`, cause);
  }
  const renamed: PlannedWrite[] = [];
  for (const write of planned) {
    try {
      renameSync(write.temp, write.path.absolute);
    } catch (cause) {
      const unrestored = rollBack(renamed);
      const note = unrestored.length > 0 ? `; could not restore ${unrestored.join(", ")}` : "";
      abandon(`could not write ${write.path.relative}: ${reason(cause)}${note}`, cause);
    }
    temps.delete(write.temp);
    renamed.push(write);
  }
  journal!.commit();
}

/**
 * Writes a target's files all or nothing (temp files first, then renames), leaves files whose bytes
 * have not changed alone, and removes this project's unmodified output of this target that is no
 * longer produced. Throws OutputRefusedError, touching nothing, when the output folder holds what
 * orchc will not act on (a journal it did not write, a symlinked folder to write through); throws
 * Error when anything cannot be written. Either way the previous files are then as they were.
 */
export function writeGeneratedFiles(request: OutputRequest): WriteResult {
  const linked = linkedDirectoryDiagnostics(request);
  if (linked.length > 0) throw new OutputRefusedError(linked);
  // A build killed mid-write left a journal: its previous files are put back before anything is compared.
  recoverInterruptedWrites(request.outDir);
  const seen = new Set<string>();
  const wanted = request.files.map((file) => {
    const path = resolveOutputPath(request.outDir, file.path, "file");
    const key = path.relative.toLowerCase();
    if (seen.has(key)) throw new Error(`internal: two generated files share the path ${path.relative}`);
    seen.add(key);
    return { path, bytes: Buffer.from(file.text, "utf8") };
  });
  const stale = findStaleFiles(request);
  const unchanged: string[] = [];
  const planned: PlannedWrite[] = [];
  for (const { path, bytes } of wanted) {
    const existing = readExisting(path);
    if (existing?.kind === "file" && existing.bytes.equals(bytes)) unchanged.push(path.relative);
    else planned.push({ path, bytes, existing, temp: tempPathFor(path.absolute, process.pid) });
  }
  writeAtomically(request.outDir, planned);
  const removed: string[] = [];
  for (const path of stale.stale) {
    try {
      unlinkSync(path.absolute);
      removed.push(path.relative);
    } catch (cause) {
      if (errnoCode(cause) !== "ENOENT") throw new Error(`could not remove stale ${path.relative}: ${reason(cause)}`, { cause });
    }
  }
  return { written: planned.map((write) => write.path.relative), unchanged, removed, warnings: stale.edited.map((path) => editedFileDiagnostic(path, "warning")) };
}
