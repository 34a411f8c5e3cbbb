import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { findUp } from "../load/find-up.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * Type-checks pipeline files with the TypeScript bundled in ts-morph, so mistakes the editor
 * would show (an undeclared param, a wrong option type) fail `orchc validate --types` too, for
 * users who do not run `tsc` themselves. Only the pipeline files' own errors are reported.
 */
export async function typeCheckFiles(files: ReadonlyArray<string>): Promise<Diagnostic[]> {
  const { Project, ts } = await import("ts-morph");
  // Missing files are the loader's to report (ORC100).
  const typescriptFiles = files.map((file) => resolve(file)).filter((file) => /\.(c|m)?tsx?$/.test(file) && existsSync(file));
  if (typescriptFiles.length === 0) return [];
  const tsConfigFilePath = findUp(dirname(typescriptFiles[0]!), "tsconfig.json");
  const project = tsConfigFilePath
    ? new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true, compilerOptions: { noEmit: true } })
    : new Project({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.NodeNext,
          moduleResolution: ts.ModuleResolutionKind.NodeNext,
        },
      });
  const sourceFiles = typescriptFiles.map((file) => project.addSourceFileAtPath(file));
  project.resolveSourceFileDependencies();
  const program = project.getProgram().compilerObject;
  return sourceFiles.flatMap((sourceFile) => {
    const compilerFile = sourceFile.compilerNode;
    return [...program.getSyntacticDiagnostics(compilerFile), ...program.getSemanticDiagnostics(compilerFile)].map((diagnostic) => {
      const position = compilerFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return error("ORC106", ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n  "), {
        hint: `TypeScript error TS${diagnostic.code}`,
        location: { file: sourceFile.getFilePath(), line: position.line + 1, column: position.character + 1 },
      });
    });
  });
}
