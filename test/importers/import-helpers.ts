// Runs an importer on rows a test writes, and loads what it wrote back through orchc's own loader.
import { lowerToIR, type Diagnostic, type PipelineNode } from "@orchc/compiler";
import { loadPipelines } from "@orchc/compiler/load";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import { positionOf, repoRoot } from "../e2e/cli-helpers.js";

/** Scratch folders inside the repo, so a written pipeline.ts resolves `orchc` through its node_modules. */
export function useImportScratch(): (files?: Record<string, string>) => string {
  const made: string[] = [];
  afterAll(() => made.forEach((directory) => rmSync(directory, { recursive: true, force: true })));
  return (files = {}) => {
    const parent = join(repoRoot, ".cache", "import-tests");
    mkdirSync(parent, { recursive: true });
    const directory = mkdtempSync(join(parent, "case-"));
    made.push(directory);
    writeFileSync(join(directory, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
    return directory;
  };
}

/** The pipelines of a generated pipeline.ts, as orchc compiles them. */
export async function compiledPipelines(directory: string, source: string): Promise<PipelineNode[]> {
  const file = join(directory, "pipeline.ts");
  writeFileSync(file, source);
  const { loaded, diagnostics } = await loadPipelines([file]);
  expect(diagnostics).toEqual([]);
  const lowered = lowerToIR(loaded, null);
  expect(lowered.diagnostics).toEqual([]);
  return [...lowered.ir!.pipelines];
}

/** `code` at the place `needle` stands in `text`, with the message matching. */
export function expectProblem(diagnostics: ReadonlyArray<Diagnostic>, code: string, message: string | RegExp, text: string, needle: string, occurrence = 1): void {
  const { line, column } = positionOf(text, needle, occurrence);
  const found = diagnostics.find((diagnostic) => diagnostic.code === code && (typeof message === "string" ? diagnostic.message === message : message.test(diagnostic.message)));
  expect(found, `${code} ${message} in ${JSON.stringify(diagnostics, null, 1)}`).toBeDefined();
  expect({ line: found!.location?.line, column: found!.location?.column }).toEqual({ line, column });
}

export const taskTable = (pipeline: PipelineNode) =>
  Object.fromEntries(
    pipeline.tasks.map((task) => [
      task.id,
      {
        after: [...task.dependsOn],
        retries: task.retry.count,
        delay: task.retry.delaySeconds,
        timeout: task.timeoutSeconds,
        action: task.action,
      },
    ]),
  );
