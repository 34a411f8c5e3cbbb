import { error, type Diagnostic } from "@orchc/compiler";
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { readDataDocument, type DataDocument } from "./data-document.js";
import { syntaxProblems } from "./import-diagnostic.js";

/** Reads a .json/.yaml/.yml file for an importer; a missing file or a syntax error is a located diagnostic. */
export function readImportFile(path: string): { document: DataDocument | null; diagnostics: Diagnostic[] } {
  const file = resolve(path);
  if (![".json", ".yaml", ".yml"].includes(extname(file).toLowerCase())) {
    return { document: null, diagnostics: [error("ORC601", `cannot import ${path}: expected a .json, .yaml or .yml file`, { location: { file, line: 1, column: 1 } })] };
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (failure) {
    const reason = (failure as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (failure as Error).message;
    return { document: null, diagnostics: [error("ORC601", `cannot import ${path}: ${reason}`, { hint: "check the path" })] };
  }
  const document = readDataDocument(file, text);
  const diagnostics = syntaxProblems(document);
  return { document: diagnostics.length === 0 ? document : null, diagnostics };
}
