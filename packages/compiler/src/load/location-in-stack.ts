import { SourceMap } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SourceLocation } from "../diagnostics/diagnostic.js";

/**
 * Maps the first stack frame inside the bundle back to the user's source. Done by hand on this
 * error path because enabling Node's source-map support costs every clean build a parse of the map.
 * `sourcesFrom`: the folder the map's relative `sources` start from.
 */
export function locationInStack(stack: string | undefined, bundled: string, map: string | undefined, sourcesFrom: string): SourceLocation | undefined {
  if (!stack || !map) return undefined;
  const bundledUrl = pathToFileURL(bundled).href;
  for (const line of stack.split("\n")) {
    const match = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!match || (match[1] !== bundled && match[1] !== bundledUrl)) continue;
    const entry = new SourceMap(JSON.parse(map)).findEntry(Number(match[2]) - 1, Number(match[3]) - 1) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
    };
    if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
    const source = entry.originalSource.startsWith("file:") ? fileURLToPath(entry.originalSource) : resolve(sourcesFrom, entry.originalSource);
    return { file: source, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
  }
  return undefined;
}
