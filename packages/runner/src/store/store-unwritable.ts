import { RunInputError } from "../engine/run-input-error.js";

/** What the file system answers when the store (or a folder above it) is not the user's to write. */
const UNWRITABLE = new Set(["EACCES", "EPERM", "EROFS", "ENOTDIR", "EEXIST"]);

/**
 * Runs the first write into the run store; a store the user cannot write becomes bad input (exit 1,
 * before anything runs) naming the folder and the way out, not a crash (exit 2 would read as a failed run).
 */
export function writingStore<T>(root: string, write: () => T): T {
  try {
    return write();
  } catch (failure) {
    const code = (failure as NodeJS.ErrnoException).code;
    if (code === undefined || !UNWRITABLE.has(code)) throw failure;
    throw new RunInputError(`cannot write the run store ${root} (${code})`, "pass `--store <dir>` with a folder you can write", "store");
  }
}
