import { join, relative } from "node:path";

/** What one target's write did; paths relative to the output directory, as the writer returns them. */
export interface TargetWriteResult {
  readonly written: ReadonlyArray<string>;
  readonly unchanged: ReadonlyArray<string>;
  readonly removed: ReadonlyArray<string>;
}

export interface SummaryPlace {
  readonly outDir: string;
  readonly cwd: string;
  /** `for environment prod`, or null when no environment applies. */
  readonly environment: string | null;
}

/** Up to this many files a target's line names every file; past it, the counts and what changed. */
export const LISTED_FILES = 5;

/**
 * The line `orchc build` prints for a target. Paths are relative to where the user stands, so
 * each can be opened as printed; a few files are each named with what happened to them, many
 * are counted, and only the written and removed ones are named (the unchanged ones say nothing new).
 */
export function buildSummaryLine(target: string, result: TargetWriteResult, place: SummaryPlace): string {
  const shown = (file: string) => relative(place.cwd, join(place.outDir, file));
  const total = result.written.length + result.unchanged.length + result.removed.length;
  if (total <= LISTED_FILES) {
    const entries = (["written", "unchanged", "removed"] as const).flatMap((outcome) => result[outcome].map((file) => `${shown(file)} (${outcome})`));
    return `orchc: ${target}: ${[...entries, ...(place.environment === null ? [] : [place.environment])].join(", ")}`;
  }
  const counts = [`${result.written.length} written`, `${result.unchanged.length} unchanged`, ...(result.removed.length > 0 ? [`${result.removed.length} removed`] : [])];
  const where = [relative(place.cwd, place.outDir) || ".", ...(place.environment === null ? [] : [place.environment])].join(", ");
  const named = (["written", "removed"] as const).filter((outcome) => result[outcome].length > 0).map((outcome) => `${outcome} ${namesUpToLimit(result[outcome].map(shown))}`);
  return `orchc: ${target}: ${counts.join(", ")} (in ${where})${named.length === 0 ? "" : `: ${named.join("; ")}`}`;
}

function namesUpToLimit(names: ReadonlyArray<string>): string {
  const listed = names.slice(0, LISTED_FILES).join(", ");
  return names.length > LISTED_FILES ? `${listed} and ${names.length - LISTED_FILES} more` : listed;
}
