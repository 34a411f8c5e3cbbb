import { unlinkSync, writeFileSync } from "node:fs";

/**
 * Writes a file orchc names itself (a temp file, a journal) as a new inode: whatever has that name
 * already (a leftover, or a symbolic link planted to make orchc write elsewhere) is unlinked, and
 * the exclusive create refuses to follow a link that appears in between.
 */
export function writeFresh(path: string, data: string | Buffer): void {
  try {
    unlinkSync(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw cause;
  }
  writeFileSync(path, data, { flag: "wx" });
}
