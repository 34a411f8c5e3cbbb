import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire, SourceMap } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { error, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";

interface EsbuildMessage {
  text: string;
  location: { file: string; line: number; column: number } | null;
}

/**
 * Maps the first stack frame inside the bundle back to the user's source. Done by hand on this
 * error path because enabling Node's source-map support costs every clean build a parse of the map.
 */
function locationInStack(stack: string | undefined, bundled: string, map: string | undefined): SourceLocation | undefined {
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
    const source = entry.originalSource.startsWith("file:") ? fileURLToPath(entry.originalSource) : resolve(dirname(bundled), entry.originalSource);
    return { file: source, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
  }
  return undefined;
}

/**
 * Bundles the user's TypeScript (with its local imports) with esbuild and imports the result.
 * Packages stay external and resolve from beside the file, as they would for the user's own code.
 * A source map is kept in memory so that a throw can be pointed at the user's line.
 */
export async function loadModule(file: string): Promise<{ namespace: Record<string, unknown> | null; diagnostics: Diagnostic[] }> {
  // require, not import(): importing a CommonJS package from ESM makes Node scan it for export
  // names first (cjs-module-lexer), ~35 ms of a clean build.
  const { build } = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const bundled = join(dirname(file), `.${basename(file)}.orchc-${process.pid}-${randomBytes(4).toString("hex")}.mjs`);
  let code: string;
  let map: string | undefined;
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      sourcemap: "external",
      sourcesContent: false,
      outfile: bundled,
      logLevel: "silent",
      absWorkingDir: dirname(file),
    });
    code = result.outputFiles.find((output) => output.path.endsWith(".mjs"))!.text;
    map = result.outputFiles.find((output) => output.path.endsWith(".map"))?.text;
  } catch (failure) {
    const messages = ((failure as { errors?: EsbuildMessage[] }).errors ?? []) as EsbuildMessage[];
    return {
      namespace: null,
      diagnostics: messages.map((message) =>
        error("ORC101", message.text, {
          location: message.location
            ? { file: resolve(dirname(file), message.location.file), line: message.location.line, column: message.location.column + 1 }
            : { file, line: 1, column: 1 },
        }),
      ),
    };
  }
  writeFileSync(bundled, code);
  try {
    return { namespace: (await import(pathToFileURL(bundled).href)) as Record<string, unknown>, diagnostics: [] };
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    const stack = thrown instanceof Error ? thrown.stack : undefined;
    return {
      namespace: null,
      diagnostics: [
        error("ORC102", `loading the pipeline threw: ${message}`, {
          hint: /Cannot find (package|module)/.test(message) ? "install the missing package (`npm i -D orchc` for orchc itself)" : undefined,
          location: locationInStack(stack, bundled, map) ?? { file, line: 1, column: 1 },
        }),
      ],
    };
  } finally {
    rmSync(bundled, { force: true });
  }
}
