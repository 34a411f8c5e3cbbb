import type { SourceLocation } from "../diagnostics/diagnostic.js";

/** A position in one file, both 1-based. */
export type LineColumn = Pick<SourceLocation, "line" | "column">;

/** Where every locator ends up when it finds nothing better: a diagnostic still names its file. */
export const FILE_START: LineColumn = { line: 1, column: 1 };
