import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { error, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";

interface EsbuildMessage {
  text: string;
  location: { file: string; line: number; column: number } | null;
}

/** The first stack frame inside the user's own file (source maps already applied). */
function locationInStack(stack: string | undefined, file: string): SourceLocation | undefined {
  if (!stack) return undefined;
  const fileUrl = pathToFileURL(file).href;
  for (const line of stack.split("\n")) {
    const match = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!match) continue;
    const frameFile = match[1]!;
    if (frameFile === file || frameFile === fileUrl) return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

/**
 * Bundles the user's TypeScript (with its local imports) with esbuild and imports the result.
 * Packages stay external and resolve from beside the file, as they would for the user's own code.
 * The bundle carries an inline source map, so a throw points at the user's line.
 */
export async function loadModule(file: string): Promise<{ namespace: Record<string, unknown> | null; diagnostics: Diagnostic[] }> {
  const { build } = await import("esbuild");
  let code: string;
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      sourcemap: "inline",
      sourcesContent: false,
      logLevel: "silent",
      absWorkingDir: dirname(file),
    });
    code = result.outputFiles[0]!.text;
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
  const bundled = join(dirname(file), `.${basename(file)}.orchc-${process.pid}-${randomBytes(4).toString("hex")}.mjs`);
  writeFileSync(bundled, code);
  process.setSourceMapsEnabled(true);
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
          location: locationInStack(stack, file) ?? { file, line: 1, column: 1 },
        }),
      ],
    };
  } finally {
    rmSync(bundled, { force: true });
  }
}
