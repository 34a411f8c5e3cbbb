import { statSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";

/** The report's path as the user can open it: relative below the current folder, absolute elsewhere. */
export function shownReportPath(path: string): string {
  const below = relative(process.cwd(), path);
  return below === "" || below === ".." || below.startsWith(`..${sep}`) || isAbsolute(below) ? path : below;
}

/** The `report: …` line, on stderr when stdout carries JSON that a line of text would break. */
export function announceReport(path: string, json: boolean): void {
  (json ? process.stderr : process.stdout).write(`report: ${shownReportPath(path)}\n`);
}

function stamp(path: string): string | null {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats === undefined ? null : `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/**
 * Whether something wrote the file between this call and the returned check. The runner writes a
 * run's report only after a real run and says so on stderr when it cannot; a dry run writes none,
 * and a report left from an earlier run must not be announced as this one's.
 */
export function watchFile(path: string): () => boolean {
  const before = stamp(path);
  return () => {
    const after = stamp(path);
    return after !== null && after !== before;
  };
}
