import type { DiagnosticCode } from "./codes.js";

export interface SourceLocation {
  /** Absolute path of the user's file. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/**
 * What a diagnostic is about, in terms of the spec; the locator turns it into a file position
 * only when diagnostics are printed, so a clean build never parses the user's source.
 */
export interface DiagnosticSubject {
  readonly file: string;
  readonly pipelineId?: string;
  readonly taskId?: string;
  /** Path inside the pipeline (or the task, when `taskId` is set), e.g. `["retries", "count"]`. */
  readonly path?: ReadonlyArray<string | number>;
  /** A string literal to point at within the subject, e.g. the unknown dependency's name. */
  readonly value?: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly hint?: string;
  readonly subject?: DiagnosticSubject;
  /** Set directly when known (a syntax error), else filled in from the subject. */
  readonly location?: SourceLocation;
}

export function error(code: DiagnosticCode, message: string, details: Omit<Diagnostic, "code" | "severity" | "message"> = {}): Diagnostic {
  return { code, severity: "error", message, ...details };
}

export function warning(code: DiagnosticCode, message: string, details: Omit<Diagnostic, "code" | "severity" | "message"> = {}): Diagnostic {
  return { code, severity: "warning", message, ...details };
}

export const hasErrors = (diagnostics: ReadonlyArray<Diagnostic>): boolean =>
  diagnostics.some((diagnostic) => diagnostic.severity === "error");
