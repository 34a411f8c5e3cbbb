import { diagnosticsToJson, formatDiagnostics, formatGitHubAnnotations, hasErrors, type Diagnostic } from "@orchc/compiler/diagnostics";

export interface OutputMode {
  readonly json: boolean;
  /**
   * In JSON mode, warnings of a successful command are kept here (located) for the command's one
   * final JSON document, instead of being printed as a document of their own.
   */
  readonly pending?: Diagnostic[];
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return !process.env.NO_COLOR && stream.isTTY === true && process.env.TERM !== "dumb";
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function diagnosticsJson(diagnostics: ReadonlyArray<Diagnostic>): unknown[] {
  return diagnosticsToJson(diagnostics, process.cwd());
}

/** Locates (on this error path only), then prints every diagnostic; returns whether any is an error. */
export async function reportDiagnostics(diagnostics: ReadonlyArray<Diagnostic>, mode: OutputMode): Promise<boolean> {
  if (diagnostics.length === 0) return false;
  const { locateDiagnostics } = await import("@orchc/compiler/locate");
  const located = await locateDiagnostics(diagnostics);
  const cwd = process.cwd();
  const failed = hasErrors(located);
  if (mode.json && !failed && mode.pending) mode.pending.push(...located);
  else if (mode.json) printJson({ diagnostics: diagnosticsJson([...(mode.pending ?? []), ...located]) });
  else process.stderr.write(formatDiagnostics(located, { color: useColor(process.stderr), cwd }));
  // Not with --json: stdout then carries one JSON document and nothing else.
  if (process.env.GITHUB_ACTIONS === "true" && !mode.json) process.stdout.write(formatGitHubAnnotations(located, cwd));
  return failed;
}
