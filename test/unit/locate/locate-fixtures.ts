import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { error, type DiagnosticSubject } from "../../../packages/compiler/src/diagnostics/diagnostic.js";
import { locateDiagnostics } from "../../../packages/compiler/src/locate/index.js";

const directories: string[] = [];

/** Writes `text` as `name` in a fresh temporary directory and returns its absolute path. */
export function sourceFile(name: string, text: string): string {
  const directory = mkdtempSync(join(tmpdir(), "orchc-locate-"));
  directories.push(directory);
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

export function removeSourceFiles(): void {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
}

export type Where = Omit<DiagnosticSubject, "file">;

/** Locates one subject through the public entry point; `"line:column"` reads well in failures. */
export async function locate(file: string, where: Where): Promise<string> {
  const [located] = await locateDiagnostics([error("ORC105", "test", { subject: { file, ...where } })]);
  const location = located?.location;
  return location ? `${location.line}:${location.column}` : "unlocated";
}
