import { readFile } from "node:fs/promises";
import type { Diagnostic, DiagnosticSubject } from "../diagnostics/diagnostic.js";
import { createDataFileLocator } from "./locate-data-file.js";
import { createTypeScriptLocator, loadTypeScript, type TypeScriptApi } from "./locate-typescript.js";
import { FILE_START, type LineColumn } from "./position.js";

type Locator = (subject: DiagnosticSubject) => LineColumn;

const DATA_FILE = /\.(json|ya?ml)$/i;
const SCRIPT_FILE = /\.([cm]?[jt]s|[jt]sx)$/i;

const atFileStart: Locator = () => FILE_START;

async function createLocator(file: string, typescript: () => Promise<TypeScriptApi>): Promise<Locator> {
  try {
    if (DATA_FILE.test(file)) return createDataFileLocator(await readFile(file, "utf8"));
    if (SCRIPT_FILE.test(file)) {
      const [sourceText, api] = await Promise.all([readFile(file, "utf8"), typescript()]);
      return createTypeScriptLocator(api, sourceText, file);
    }
  } catch {
    // An unreadable file, or no TypeScript to parse it with: the diagnostic still names the file.
  }
  return atFileStart;
}

/**
 * Fills in `location` from `subject` where it is missing. Runs only when diagnostics are printed;
 * each file is read and parsed once per call, and the TypeScript compiler is loaded only if a
 * TypeScript file needs locating.
 */
export async function locateDiagnostics(diagnostics: ReadonlyArray<Diagnostic>): Promise<Diagnostic[]> {
  const locators = new Map<string, Promise<Locator>>();
  let typescript: Promise<TypeScriptApi> | undefined;
  const loadOnce = () => (typescript ??= loadTypeScript());
  const locatorFor = (file: string) => {
    let locator = locators.get(file);
    if (!locator) {
      locator = createLocator(file, loadOnce);
      locators.set(file, locator);
    }
    return locator;
  };
  return Promise.all(
    diagnostics.map(async (diagnostic) => {
      const subject = diagnostic.subject;
      if (diagnostic.location || !subject) return diagnostic;
      let position = FILE_START;
      try {
        position = (await locatorFor(subject.file))(subject);
      } catch {
        // Locating is best effort: a coarser position beats losing the diagnostic.
      }
      return { ...diagnostic, location: { file: subject.file, line: position.line, column: position.column } };
    }),
  );
}
