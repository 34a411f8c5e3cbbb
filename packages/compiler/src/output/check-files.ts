import { lstatSync, readFileSync } from "node:fs";
import { createTwoFilesPatch } from "diff";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { buildCommandLine } from "./build-invocation.js";
import { editedFileDiagnostic } from "./edited-file-diagnostic.js";
import { parseHeader } from "./file-header.js";
import { findStaleFiles } from "./find-stale-files.js";
import { linkedDirectoryDiagnostics } from "./linked-directory-diagnostics.js";
import type { OutputRequest } from "./output-request.js";
import { resolveOutputPath, type OutputPath } from "./resolve-output-path.js";

const MAX_DIFF_LINES = 80;
const regenerate = (request: OutputRequest): string => `Run \`${buildCommandLine(request.invocation, request.target)}\` to regenerate the output.`;

function cappedDiff(path: string, onDisk: string, expected: string): string {
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, onDisk, expected, "on disk", "orchc build", { context: 3 });
  // Drops the "====" rule createTwoFilesPatch puts first; the ---/+++ lines already name the file.
  const lines = patch.replace(/\n$/, "").split("\n").filter((line) => !/^={3,}$/.test(line));
  if (lines.length <= MAX_DIFF_LINES) return lines.join("\n");
  return [...lines.slice(0, MAX_DIFF_LINES), `… ${lines.length - MAX_DIFF_LINES} more lines`].join("\n");
}

const at = (path: OutputPath) => ({ location: { file: path.absolute, line: 1, column: 1 } });

/** ORC407 when the file on disk was built for another environment than this check resolves for. */
function environmentMismatch(path: OutputPath, built: string | null, expected: string | null, request: OutputRequest): Diagnostic | null {
  if (built === null || expected === null || built === expected) return null;
  const checked = request.invocation?.environment === null ? `\`${expected}\` (the default environment, as no \`-e\` was given)` : `\`${expected}\``;
  return error("ORC407", `${path.relative} was built for environment \`${built}\`, but this check is for ${checked}.`, {
    hint: `To check it as built, run \`${buildCommandLine(request.invocation, request.target, { environment: built, check: true })}\`; to rebuild it for \`${expected}\`, run \`${buildCommandLine(request.invocation, request.target)}\`.`,
    ...at(path),
  });
}

function checkFile(path: OutputPath, expected: string, request: OutputRequest): Diagnostic | null {
  const regenerateHint = regenerate(request);
  let onDisk: Buffer;
  try {
    const stats = lstatSync(path.absolute);
    if (stats.isSymbolicLink()) {
      return error("ORC401", `${path.relative} is a symbolic link; \`orchc build\` would replace the link with the generated file.`, { hint: regenerateHint, ...at(path) });
    }
    if (!stats.isFile()) {
      return error("ORC401", `${path.relative} is not a regular file, so orchc cannot write it there.`, { hint: `Move it out of the way. ${regenerateHint}`, ...at(path) });
    }
    onDisk = readFileSync(path.absolute);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return error("ORC402", `${path.relative} has not been generated.`, { hint: regenerateHint, ...at(path) });
    throw cause;
  }
  if (onDisk.equals(Buffer.from(expected, "utf8"))) return null;
  const text = onDisk.toString("utf8");
  const diff = cappedDiff(path.relative, text, expected);
  const header = parseHeader(text);
  if (!header || header.hash !== header.bodyHash) {
    // Reported as an edit rather than staleness: `orchc build` would throw the edit away, and the user should know first.
    const what = header ? "its contents no longer match the hash in its orchc header" : "it has no orchc header";
    return error("ORC403", `${path.relative} was edited by hand (${what}), and it differs from what orchc would generate:\n${diff}`, {
      hint: `Move the change into the pipeline source, then run \`${buildCommandLine(request.invocation, request.target)}\` to regenerate the output; the edit will be overwritten.`,
      ...at(path),
    });
  }
  const mismatch = environmentMismatch(path, header.environment, parseHeader(expected)?.environment ?? null, request);
  if (mismatch) return mismatch;
  return error("ORC401", `${path.relative} is out of date with its source:\n${diff}`, { hint: regenerateHint, ...at(path) });
}

/** What `orchc build` would change in the output directory, as diagnostics; reads only, never writes. */
export function checkGeneratedFiles(request: OutputRequest): Diagnostic[] {
  // `orchc build` would refuse these, so nothing behind the link is read or compared either.
  const linked = linkedDirectoryDiagnostics(request);
  if (linked.length > 0) return linked;
  const files = request.files.map((file) => ({ path: resolveOutputPath(request.outDir, file.path, "file"), text: file.text }));
  const diagnostics = files.map((file) => checkFile(file.path, file.text, request)).filter((diagnostic) => diagnostic !== null);
  const { stale, edited } = findStaleFiles(request);
  for (const path of edited) diagnostics.push(editedFileDiagnostic(path, "error"));
  for (const path of stale) {
    diagnostics.push(
      error("ORC401", `${path.relative} was generated by orchc for target ${request.target} but is no longer produced; \`orchc build\` would remove it.`, {
        hint: regenerate(request),
        ...at(path),
      }),
    );
  }
  return diagnostics;
}
