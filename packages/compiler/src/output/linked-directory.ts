import { join } from "node:path";
import { lstatOrNull } from "./output-fs.js";

/**
 * For folders below one output root: the first folder on the way from the root to
 * `relativeDirectory` (`/`-separated, inside it) that is a symbolic link, as an output-relative
 * path; null when none is. The root itself is not looked at: it is the user's own choice. Folders
 * that do not exist yet are fine: orchc makes them. Each folder on the way is looked at once per
 * finder, however many files or folders below it are asked about.
 */
export function linkedDirectoryFinder(root: string): (relativeDirectory: string) => string | null {
  // Output-relative folder → what it is: a link, a folder to go on through, or the end of the way (missing, or a file).
  const seen = new Map<string, "link" | "folder" | "end">();
  return (relativeDirectory) => {
    const segments = relativeDirectory.split("/").filter((segment) => segment !== "" && segment !== ".");
    for (let depth = 1; depth <= segments.length; depth++) {
      const folder = segments.slice(0, depth).join("/");
      let kind = seen.get(folder);
      if (kind === undefined) {
        const stats = lstatOrNull(join(root, folder));
        kind = stats === null ? "end" : stats.isSymbolicLink() ? "link" : stats.isDirectory() ? "folder" : "end";
        seen.set(folder, kind);
      }
      if (kind === "link") return folder;
      if (kind === "end") return null;
    }
    return null;
  };
}

/** The first symbolic link on the way from `root` to `relativeDirectory`, for one folder (see linkedDirectoryFinder). */
export const linkedDirectoryOn = (root: string, relativeDirectory: string): string | null => linkedDirectoryFinder(root)(relativeDirectory);
