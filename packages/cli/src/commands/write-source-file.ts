import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes an imported pipeline.ts in one step (a temp file renamed over it), and never replaces a
 * file with other content unless asked: that file may hold the user's edits since the last import.
 */
export function writeSourceFile(path: string, text: string, force: boolean): "written" | "unchanged" | "exists" {
  if (existsSync(path)) {
    if (readFileSync(path, "utf8") === text) return "unchanged";
    if (!force) return "exists";
  }
  const temp = join(dirname(path), `.${basename(path)}.orchc-tmp-${process.pid}`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
  return "written";
}
