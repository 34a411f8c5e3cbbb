import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The nearest directory at or above the file's that holds a package.json (else the file's own). */
export function projectRootOf(file: string): string {
  let directory = dirname(file);
  for (;;) {
    if (existsSync(join(directory, "package.json"))) return directory;
    const parent = dirname(directory);
    if (parent === directory) return dirname(file);
    directory = parent;
  }
}
