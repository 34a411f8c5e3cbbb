import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { parseHeader } from "./file-header.js";
import { linkedDirectoryOn } from "./linked-directory.js";
import { backupPathFor, tempPathFor } from "./orchc-file-names.js";
import { lstatOrNull } from "./output-fs.js";
import { resolveOutputPath, type OutputPath } from "./resolve-output-path.js";
import { sameFile } from "./same-file.js";

/** One file operation a recovery will do, each on a path checked to be orchc's own inside the output. */
export type RecoveryStep =
  | { readonly kind: "unlink"; readonly path: string }
  | { readonly kind: "rename"; readonly from: string; readonly to: string }
  | { readonly kind: "rmdir"; readonly path: string };

/** What recovering one journal would do, or why the journal is not trusted. */
export type JournalPlan = { readonly steps: ReadonlyArray<RecoveryStep> } | { readonly refused: string };

class Untrusted extends Error {}

/** A path as orchc itself would have written it into a journal: output-relative, normalised, not through a link. */
function ownPath(root: string, value: unknown, kind: "file" | "directory", what: string): OutputPath {
  if (typeof value !== "string") throw new Untrusted(`${what} is not a path`);
  let path: OutputPath;
  try {
    path = resolveOutputPath(root, value, kind);
  } catch {
    throw new Untrusted(`${what} names ${JSON.stringify(value)}, which is not a path inside the output folder`);
  }
  if (path.relative !== value || path.relative === "") throw new Untrusted(`${what} names ${JSON.stringify(value)}, which is not a path orchc writes`);
  const linked = linkedDirectoryOn(root, kind === "file" ? posix.dirname(path.relative) : path.relative);
  if (linked !== null) throw new Untrusted(`${what} names ${JSON.stringify(value)}, which is behind the symbolic link ${linked}`);
  return path;
}

/** Whether the file is unmodified orchc output: the only kind of file a rollback may delete or replace. */
function isOrchcOutput(path: string): boolean {
  if (!lstatOrNull(path)?.isFile()) return false;
  const header = parseHeader(readFileSync(path, "utf8"));
  return header !== null && header.hash === header.bodyHash;
}

function entryFields(value: unknown, index: number): { path: unknown; backup: boolean } {
  const entry = value as { path?: unknown; backup?: unknown } | null;
  if (typeof entry !== "object" || entry === null || typeof entry.backup !== "boolean" || Object.keys(entry).length !== 2) {
    throw new Untrusted(`entry ${index + 1} is not an entry orchc writes`);
  }
  return { path: entry.path, backup: entry.backup };
}

function rollBackSteps(root: string, pid: number, entries: ReadonlyArray<unknown>, directories: ReadonlyArray<OutputPath>): RecoveryStep[] {
  const steps: RecoveryStep[] = [];
  for (const [index, value] of [...entries.entries()].reverse()) {
    const { path: raw, backup } = entryFields(value, index);
    const final = ownPath(root, raw, "file", `entry ${index + 1}`);
    const temp = tempPathFor(final.absolute, pid);
    const finalStats = lstatOrNull(final.absolute);
    if (finalStats?.isDirectory()) throw new Untrusted(`entry ${index + 1} names ${final.relative}, which is a folder`);
    const kept = backupPathFor(final.absolute, pid);
    if (backup && lstatOrNull(kept) !== null) {
      // rename(2) between two links of one file does nothing and keeps both names, so the backup is unlinked instead.
      if (finalStats !== null && sameFile(kept, final.absolute)) steps.push({ kind: "unlink", path: kept });
      else if (finalStats === null || isOrchcOutput(final.absolute)) steps.push({ kind: "rename", from: kept, to: final.absolute });
      else throw new Untrusted(`entry ${index + 1} would replace ${final.relative}, which is not output orchc generated`);
    } else if (!backup && lstatOrNull(temp) === null && finalStats !== null) {
      if (!isOrchcOutput(final.absolute)) throw new Untrusted(`entry ${index + 1} would delete ${final.relative}, which is not output orchc generated`);
      steps.push({ kind: "unlink", path: final.absolute });
    }
    steps.push({ kind: "unlink", path: temp });
  }
  for (const directory of [...directories].reverse()) steps.push({ kind: "rmdir", path: directory.absolute });
  return steps;
}

function tidyUpSteps(root: string, pid: number, entries: ReadonlyArray<unknown>): RecoveryStep[] {
  return entries.flatMap((value, index) => {
    const final = ownPath(root, entryFields(value, index).path, "file", `entry ${index + 1}`);
    return [
      { kind: "unlink", path: backupPathFor(final.absolute, pid) },
      { kind: "unlink", path: tempPathFor(final.absolute, pid) },
    ] satisfies RecoveryStep[];
  });
}

/**
 * Reads a journal left in the output root and works out what recovering it would do, without
 * touching anything. Only a journal exactly as orchc writes it is trusted: every path inside the
 * output, temp and backup names derived here, and a file deleted or replaced only if it is orchc's.
 */
export function planRecovery(root: string, journalPath: string, pid: number): JournalPlan {
  try {
    if (!lstatOrNull(journalPath)?.isFile()) throw new Untrusted("is not a regular file");
    let journal: { version?: unknown; pid?: unknown; committed?: unknown; entries?: unknown; directories?: unknown };
    try {
      journal = JSON.parse(readFileSync(journalPath, "utf8")) as typeof journal;
    } catch {
      // orchc renames a journal into place whole, so a torn one is not orchc's.
      throw new Untrusted("is not valid JSON");
    }
    if (typeof journal !== "object" || journal === null || journal.version !== 2) throw new Untrusted("is not in the format this orchc writes");
    if (journal.pid !== pid) throw new Untrusted(`names pid ${JSON.stringify(journal.pid)}, not the ${pid} of its file name`);
    if (typeof journal.committed !== "boolean" || !Array.isArray(journal.entries) || !Array.isArray(journal.directories)) {
      throw new Untrusted("is not in the format this orchc writes");
    }
    const entries: unknown[] = journal.entries;
    if (journal.committed) return { steps: tidyUpSteps(root, pid, entries) };
    const finals = entries.map((value, index) => ownPath(root, entryFields(value, index).path, "file", `entry ${index + 1}`).relative);
    const directories = (journal.directories as unknown[]).map((value, index) => {
      const directory = ownPath(root, value, "directory", `folder ${index + 1}`);
      // A batch only ever creates folders that hold one of its files.
      if (!finals.some((final) => final.startsWith(`${directory.relative}/`))) throw new Untrusted(`folder ${index + 1} (${directory.relative}) holds none of its files`);
      return directory;
    });
    return { steps: rollBackSteps(root, pid, entries, directories) };
  } catch (cause) {
    if (cause instanceof Untrusted) return { refused: cause.message };
    throw cause;
  }
}
