import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { OutputPath } from "./resolve-output-path.js";

/** ORC403 for an earlier output edited by hand that the build no longer produces: kept, never removed. */
export function editedFileDiagnostic(path: OutputPath, severity: "error" | "warning"): Diagnostic {
  return (severity === "error" ? error : warning)(
    "ORC403",
    `${path.relative} is no longer generated, but it was edited by hand since orchc wrote it (its contents no longer match the hash in its orchc header), so \`orchc build\` leaves it in place.`,
    {
      hint: "Delete it if the edit is not needed; to keep it as your own file, remove its orchc header.",
      location: { file: path.absolute, line: 1, column: 1 },
    },
  );
}
