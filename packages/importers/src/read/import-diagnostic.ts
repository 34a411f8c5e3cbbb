import { error, type Diagnostic, type DiagnosticCode } from "@orchc/compiler";
import type { DataDocument, DataPath } from "./data-document.js";

/** A problem in an imported file, placed at the value (or, with `key`, the key) the path names. */
export function problemAt(
  document: DataDocument,
  path: DataPath,
  code: DiagnosticCode,
  message: string,
  details: { readonly hint?: string; readonly key?: boolean } = {},
): Diagnostic {
  const position = document.positionOf(path, { key: details.key ?? false });
  return error(code, message, { location: { file: document.file, ...position }, ...(details.hint === undefined ? {} : { hint: details.hint }) });
}

/** The syntax errors of a file that did not parse, each at its place. */
export function syntaxProblems(document: DataDocument): Diagnostic[] {
  return document.syntaxErrors.map((problem) =>
    error("ORC601", `cannot read ${document.file.split("/").pop()}: ${problem.message}`, { location: { file: document.file, ...problem.position } }),
  );
}
