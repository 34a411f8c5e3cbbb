import { dirname, relative, sep } from "node:path";
import { findUp } from "./find-up.js";
import type { LoadedPipeline } from "./loaded-pipeline.js";

/** The nearest directory at or above the file's that holds a package.json (else the file's own). */
export function projectRootOf(file: string): string {
  const manifest = findUp(dirname(file), "package.json");
  return manifest === undefined ? dirname(file) : dirname(manifest);
}

/** The file that declared a pipeline, relative to its project, `/`-separated: what headers and the IR name. */
export const projectRelativePath = (loaded: Pick<LoadedPipeline, "file" | "projectRoot">): string =>
  relative(loaded.projectRoot, loaded.file).split(sep).join("/");
