import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "esbuild";

type Esbuild = typeof import("esbuild");

/**
 * The bundle runs from a temp folder, so `import.meta.url` (and `dirname`, `filename`) would name
 * that folder. Each of the user's modules that reads them is first compiled alone with its own real
 * values defined (esbuild's `define` replaces expressions, never text inside strings or comments),
 * its tsconfig applied as usual; the inline source map it carries is composed into the bundle's,
 * so error locations still reach the user's line.
 */
export function realImportMetaPlugin(esbuild: Pick<Esbuild, "build">): Plugin {
  return {
    name: "orchc-real-import-meta",
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.path.split(/[\\/]/).includes("node_modules")) return undefined;
        if (!readFileSync(args.path, "utf8").includes("import.meta")) return undefined;
        try {
          const result = await esbuild.build({
            entryPoints: [args.path],
            bundle: false,
            write: false,
            platform: "node",
            target: "esnext",
            sourcemap: "inline",
            sourcesContent: false,
            logLevel: "silent",
            // The inline map's sources are relative to this folder, which is where the bundler reads them from.
            absWorkingDir: dirname(args.path),
            define: {
              "import.meta.url": JSON.stringify(pathToFileURL(args.path).href),
              "import.meta.dirname": JSON.stringify(dirname(args.path)),
              "import.meta.filename": JSON.stringify(args.path),
            },
          });
          return { contents: result.outputFiles[0]!.text, loader: "js", resolveDir: dirname(args.path) };
        } catch {
          // A syntax error: the bundler loads the file itself and reports it at the user's line.
          return undefined;
        }
      });
    },
  };
}
