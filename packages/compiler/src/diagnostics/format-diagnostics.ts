import { relative } from "node:path";
import type { Diagnostic } from "./diagnostic.js";

export interface FormatOptions {
  readonly color: boolean;
  /** Paths are printed relative to this directory. */
  readonly cwd: string;
}

const paint = (enabled: boolean, code: string) => (text: string) => (enabled ? `\u001b[${code}m${text}\u001b[0m` : text);

function place(diagnostic: Diagnostic, cwd: string): string {
  const location = diagnostic.location;
  if (!location) return diagnostic.subject ? relative(cwd, diagnostic.subject.file) || diagnostic.subject.file : "orchc";
  return `${relative(cwd, location.file) || location.file}:${location.line}:${location.column}`;
}

/** One diagnostic per block: `file:line:col - error ORC201: message` and an indented hint. */
export function formatDiagnostics(diagnostics: ReadonlyArray<Diagnostic>, options: FormatOptions): string {
  const red = paint(options.color, "31");
  const yellow = paint(options.color, "33");
  const cyan = paint(options.color, "36");
  const dim = paint(options.color, "2");
  const blocks = diagnostics.map((diagnostic) => {
    const severity = diagnostic.severity === "error" ? red("error") : yellow("warning");
    const head = `${cyan(place(diagnostic, options.cwd))} - ${severity} ${dim(diagnostic.code)}: ${diagnostic.message}`;
    return diagnostic.hint ? `${head}\n  ${dim("hint:")} ${diagnostic.hint}` : head;
  });
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const counts = [errors && `${errors} error${errors === 1 ? "" : "s"}`, warnings && `${warnings} warning${warnings === 1 ? "" : "s"}`].filter(Boolean).join(", ");
  return blocks.length === 0 ? "" : `${blocks.join("\n")}\n\n${counts}\n`;
}

/** GitHub Actions workflow commands, so problems show up on the right line of the pull request. */
export function formatGitHubAnnotations(diagnostics: ReadonlyArray<Diagnostic>, cwd: string): string {
  const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
  return diagnostics
    .map((diagnostic) => {
      const command = diagnostic.severity === "error" ? "error" : "warning";
      const location = diagnostic.location;
      const properties = location
        ? `file=${escapeProperty(relative(cwd, location.file))},line=${location.line},col=${location.column},title=${escapeProperty(diagnostic.code)}`
        : `title=${escapeProperty(diagnostic.code)}`;
      const message = diagnostic.hint ? `${diagnostic.message}\n${diagnostic.hint}` : diagnostic.message;
      return `::${command} ${properties}::${escapeData(message)}\n`;
    })
    .join("");
}

/** Stable machine-readable form for `--json`. */
export function diagnosticsToJson(diagnostics: ReadonlyArray<Diagnostic>, cwd: string): unknown[] {
  return diagnostics.map((diagnostic) => ({
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    ...(diagnostic.hint && { hint: diagnostic.hint }),
    ...(diagnostic.location && {
      file: relative(cwd, diagnostic.location.file),
      line: diagnostic.location.line,
      column: diagnostic.location.column,
    }),
  }));
}
