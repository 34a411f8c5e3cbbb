import { diagnosticsToJson, formatDiagnostics, formatGitHubAnnotations, hasErrors, type Diagnostic } from "@orchc/compiler/diagnostics";

export interface OutputMode {
  readonly json: boolean;
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return !process.env.NO_COLOR && stream.isTTY === true && process.env.TERM !== "dumb";
}

/** Locates (on this error path only), then prints every diagnostic; returns whether any is an error. */
export async function reportDiagnostics(diagnostics: ReadonlyArray<Diagnostic>, mode: OutputMode): Promise<boolean> {
  if (diagnostics.length === 0) return false;
  const { locateDiagnostics } = await import("@orchc/compiler/locate");
  const located = await locateDiagnostics(diagnostics);
  const cwd = process.cwd();
  if (mode.json) {
    process.stdout.write(`${JSON.stringify({ diagnostics: diagnosticsToJson(located, cwd) }, null, 2)}\n`);
  } else {
    process.stderr.write(formatDiagnostics(located, { color: useColor(process.stderr), cwd }));
  }
  if (process.env.GITHUB_ACTIONS === "true") process.stdout.write(formatGitHubAnnotations(located, cwd));
  return hasErrors(located);
}
