import { posix } from "node:path";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { linkedDirectoryFinder } from "./linked-directory.js";
import type { OutputRequest } from "./output-request.js";
import { resolveOutputPath } from "./resolve-output-path.js";

/**
 * ORC406 for every symbolic link to a folder that a file of this build would be written through.
 * A link below the output root may lead anywhere on the disk, so orchc does not follow it; the
 * output root itself may be a link (the user chose it on the command line).
 */
export function linkedDirectoryDiagnostics(request: Pick<OutputRequest, "outDir" | "files">): Diagnostic[] {
  const root = resolveOutputPath(request.outDir, "", "directory").absolute;
  const linkedDirectoryOn = linkedDirectoryFinder(root);
  const links = new Map<string, string[]>();
  for (const file of request.files) {
    const path = resolveOutputPath(request.outDir, file.path, "file");
    const link = linkedDirectoryOn(posix.dirname(path.relative));
    if (link !== null) links.set(link, [...(links.get(link) ?? []), path.relative]);
  }
  return [...links].map(([link, files]) =>
    error("ORC406", `${link} in the output folder is a symbolic link, and orchc does not write through links inside its output folder (it would write ${files.join(", ")}).`, {
      hint: "Replace the link with a real folder, or give the folder the link points to as --out.",
      location: { file: resolveOutputPath(request.outDir, link, "directory").absolute, line: 1, column: 1 },
    }),
  );
}
