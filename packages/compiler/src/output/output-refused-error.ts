import type { Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * Something already in the output folder makes writing there unsafe (a journal orchc did not
 * write, a symlinked folder). Thrown before anything is touched; the CLI prints the diagnostics.
 */
export class OutputRefusedError extends Error {
  readonly diagnostics: ReadonlyArray<Diagnostic>;

  constructor(diagnostics: ReadonlyArray<Diagnostic>) {
    super(diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`).join("\n"));
    this.name = "OutputRefusedError";
    this.diagnostics = diagnostics;
  }
}
