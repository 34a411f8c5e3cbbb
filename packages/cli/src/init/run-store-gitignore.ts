/** The folder `orchc run` keeps its local run store in (`--store` defaults to `.orchc/runs`). */
export const RUN_STORE_PATTERN = ".orchc/";

// The spellings that already ignore the folder at the repository's root or anywhere below it.
const ALREADY_IGNORED = new Set([".orchc", ".orchc/", "/.orchc", "/.orchc/", ".orchc/**", "/.orchc/**", "**/.orchc", "**/.orchc/"]);

/**
 * .gitignore with the run store added: the file's text with one line appended (in its own line
 * ends), a new file's text when there is none, or null when it already ignores the folder.
 */
export function gitignoreWithRunStore(existing: string | null): string | null {
  if (existing === null) return `${RUN_STORE_PATTERN}\n`;
  if (existing.split(/\r?\n/).some((line) => ALREADY_IGNORED.has(line.trim()))) return null;
  const eol = existing.includes("\r\n") ? "\r\n" : "\n";
  const separator = existing === "" || existing.endsWith("\n") ? "" : eol;
  return `${existing}${separator}${RUN_STORE_PATTERN}${eol}`;
}
