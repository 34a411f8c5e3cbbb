import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { renderWithHeader, type FileFormat, type RenderedFile } from "../../../packages/compiler/src/output/index.js";

export const SOURCES = ["pipelines/daily.ts", "pipelines/weekly.ts"];

export const tempDir = (): string => mkdtempSync(join(tmpdir(), "orchc-output-"));

export function rendered(path: string, body: string, options: { target?: string; sources?: string[]; format?: FileFormat } = {}): RenderedFile {
  const format = options.format ?? "python";
  const meta = { orchcVersion: "0.1.0", target: options.target ?? "airflow", sources: options.sources ?? SOURCES };
  return { path, text: renderWithHeader({ path, format, contents: body, pipelineIds: ["daily"] }, meta) };
}

export function put(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Every file under root with its bytes and mtime, so a test can show that nothing changed. */
export function snapshot(root: string): Record<string, { bytes: string; mtimeMs: number }> {
  const result: Record<string, { bytes: string; mtimeMs: number }> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else result[path] = { bytes: readFileSync(join(root, path)).toString("base64"), mtimeMs: statSync(join(root, path)).mtimeMs };
    }
  };
  walk("");
  return result;
}
