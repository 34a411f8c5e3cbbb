import type { SourceLocation } from "@orchc/compiler/diagnostics";

/** 1-based line and column of a character offset, as diagnostics print places. */
export function locationAt(file: string, text: string, offset: number): SourceLocation {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length))).split("\n");
  return { file, line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * Where JSON.parse gave up: V8 names a character offset ("… in JSON at position 42"), or nothing
 * when the text ended too early, which is then where it failed.
 */
export function jsonErrorOffset(text: string, failure: unknown): number {
  const position = /at position (\d+)/.exec(failure instanceof Error ? failure.message : "")?.[1];
  return position === undefined ? text.length : Number(position);
}
