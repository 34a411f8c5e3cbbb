import { lstatSync } from "node:fs";
import { join } from "node:path";

/**
 * The first folder on the way from the output root to `relativeDirectory` (`/`-separated, inside
 * it) that is a symbolic link, as an output-relative path; null when none is. The root itself is
 * not looked at: it is the user's own choice. Folders that do not exist yet are fine: orchc makes them.
 */
export function linkedDirectoryOn(root: string, relativeDirectory: string): string | null {
  const segments = relativeDirectory.split("/").filter((segment) => segment !== "" && segment !== ".");
  for (let depth = 1; depth <= segments.length; depth++) {
    let stats;
    try {
      stats = lstatSync(join(root, ...segments.slice(0, depth)));
    } catch {
      return null;
    }
    if (stats.isSymbolicLink()) return segments.slice(0, depth).join("/");
    if (!stats.isDirectory()) return null;
  }
  return null;
}
