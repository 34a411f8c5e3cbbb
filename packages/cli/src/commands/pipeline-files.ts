import { existsSync } from "node:fs";

const DEFAULT_FILES = ["pipeline.ts", "pipeline.js", "pipeline.json", "pipeline.yaml", "pipeline.yml"];

/** The files named on the command line, or the project's pipeline file. */
export function pipelineFiles(files: ReadonlyArray<string>): string[] {
  if (files.length > 0) return [...files];
  const found = DEFAULT_FILES.find((file) => existsSync(file));
  return [found ?? "pipeline.ts"];
}
