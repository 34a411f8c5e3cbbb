// Builds a pipeline written as TypeScript or as plain data, in-process against the sources, for
// every target, with diagnostics located in the user's file as the CLI prints them.
import { compile, type Diagnostic, type LoadedPipeline } from "@orchc/compiler";
import { loadPipelines } from "@orchc/compiler/load";
import { locateDiagnostics } from "@orchc/compiler/locate";
import { targets, type TargetName } from "@orchc/targets";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import { repoRoot } from "../e2e/cli-helpers.js";

export const TARGET_NAMES = Object.keys(targets) as TargetName[];

export const loadedOf = (...specs: unknown[]): LoadedPipeline[] =>
  specs.map((spec, index) => ({ file: `/project/pipeline${index}.json`, projectRoot: "/project", exportName: "default", spec }));

export function build(target: TargetName, loaded: ReadonlyArray<LoadedPipeline>) {
  return compile({ loaded, target: targets[target], environment: null, options: {}, orchcVersion: "0.0.0-test" });
}

export const errorsOf = (diagnostics: ReadonlyArray<Diagnostic>) => diagnostics.filter((diagnostic) => diagnostic.severity === "error");

/** Temp projects inside the repo, so that `import … from "orchc"` resolves. */
export function useSourceProjects(): (files: Record<string, string>) => string {
  const created: string[] = [];
  afterAll(() => {
    for (const directory of created) rmSync(directory, { recursive: true, force: true });
  });
  return (files) => {
    const parent = join(repoRoot, ".cache", "e2e");
    mkdirSync(parent, { recursive: true });
    const directory = mkdtempSync(join(parent, "hardening-"));
    created.push(directory);
    writeFileSync(join(directory, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
    return directory;
  };
}

/** Loads and compiles one file for a target; errors come back located, as `file:line:col`. */
export async function buildFile(file: string, target: TargetName): Promise<{ errors: Diagnostic[]; where: string[] }> {
  const { loaded, diagnostics: loadDiagnostics } = await loadPipelines([file]);
  const result = loadDiagnostics.length > 0 ? { diagnostics: loadDiagnostics } : build(target, loaded);
  const errors = await locateDiagnostics(errorsOf(result.diagnostics));
  return { errors, where: errors.map((diagnostic) => `${diagnostic.code} ${diagnostic.location?.line}:${diagnostic.location?.column}`) };
}
