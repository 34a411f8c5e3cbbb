import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { externalPackagesPlugin, MISSING_PACKAGE } from "./external-packages-plugin.js";
import { realImportMetaPlugin } from "./real-import-meta-plugin.js";

interface EsbuildMessage {
  text: string;
  detail?: unknown;
  location: { file: string; line: number; column: number } | null;
}

export interface Bundle {
  readonly code: string;
  /** The source map when asked for (`withMap`); its relative `sources` start from the user's file's folder. */
  readonly map: string | undefined;
  /** Absolute paths of the user's files the bundle was made from (packages stay external), for `--watch`. */
  readonly inputs: ReadonlyArray<string>;
}

/**
 * Bundles the user's module with its local imports, in memory. Packages stay external, each as
 * the URL of the file the user's project would load (see externalPackagesPlugin).
 */
/**
 * `withMap`: also make the source map, which only a throw needs (loadModule bundles again then):
 * making it on every load cost a 1,000-task build ~5 ms.
 */
export async function bundleModule(file: string, withMap = false): Promise<Bundle | Diagnostic[]> {
  // require, not import(): importing a CommonJS package from ESM makes Node scan it for export
  // names first (cjs-module-lexer), ~35 ms of a clean build.
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: withMap ? "external" : false,
      sourcesContent: false,
      // Never written: it only anchors the map's relative sources at the user's folder.
      outfile: join(dirname(file), `${basename(file)}.orchc.mjs`),
      logLevel: "silent",
      absWorkingDir: dirname(file),
      metafile: true,
      plugins: [externalPackagesPlugin(), realImportMetaPlugin(esbuild)],
    });
    return {
      code: result.outputFiles.find((output) => output.path.endsWith(".mjs"))!.text,
      map: result.outputFiles.find((output) => output.path.endsWith(".map"))?.text,
      // Metafile paths are relative to absWorkingDir; a plugin's virtual module would carry a `namespace:` prefix.
      inputs: Object.keys(result.metafile.inputs)
        .filter((input) => !/^[a-z-]+:/i.test(input))
        .map((input) => resolve(dirname(file), input)),
    };
  } catch (failure) {
    const messages = ((failure as { errors?: EsbuildMessage[] }).errors ?? []) as EsbuildMessage[];
    return messages.map((message) => {
      const location = message.location
        ? { file: resolve(dirname(file), message.location.file), line: message.location.line, column: message.location.column + 1 }
        : { file, line: 1, column: 1 };
      return message.detail === MISSING_PACKAGE
        ? error("ORC108", message.text, { hint: "install it in the project (`npm i -D orchc` for orchc itself)", location })
        : error("ORC101", message.text, { location });
    });
  }
}
