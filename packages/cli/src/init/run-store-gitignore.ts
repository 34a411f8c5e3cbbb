/** The folder `orchc run` keeps its local run store in (`--store` defaults to `.orchc/runs`). */
export const RUN_STORE_PATTERN = ".orchc/";

// The spellings that already ignore the folder at the repository's root or anywhere below it.
const ALREADY_IGNORED = new Set([".orchc", ".orchc/", "/.orchc", "/.orchc/", ".orchc/**", "/.orchc/**", "**/.orchc", "**/.orchc/"]);

/**
 * .gitignore with the run store added: the file's text with one line appended (in its own line
 * ends), or null when it already ignores the folder. A project without one is new: its file also
 * ignores node_modules/, which `npm i -D orchc` has just filled and a first `git add .` would commit.
 */
export function gitignoreWithRunStore(existing: string | null): string | null {
  if (existing === null) return `node_modules/\n${RUN_STORE_PATTERN}\n`;
  if (existing.split(/\r?\n/).some((line) => ALREADY_IGNORED.has(line.trim()))) return null;
  const eol = existing.includes("\r\n") ? "\r\n" : "\n";
  const separator = existing === "" || existing.endsWith("\n") ? "" : eol;
  return `${existing}${separator}${RUN_STORE_PATTERN}${eol}`;
}
