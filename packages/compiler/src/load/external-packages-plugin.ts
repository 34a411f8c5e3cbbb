import { createRequire, isBuiltin } from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "esbuild";
import { findUp } from "./find-up.js";

/** Set on the plugin's own `build.resolve` calls, so that they reach esbuild's resolver and not the plugin again. */
const RESOLVING = Symbol("orchc-resolving");

/** esbuild's `detail` on the error for an import no package answers, so the loader can give it its own code. */
export const MISSING_PACKAGE = "orchc-missing-package";

const isOrchc = (specifier: string): boolean => specifier === "orchc" || specifier.startsWith("orchc/");

/**
 * The `orchc` this CLI belongs to, for a lone pipeline.ts with no install of its own (`npx orchc`).
 * Node finds it from this module: by the package's self-reference in the CLI's bundle, through
 * node_modules when running from source.
 */
function ownOrchc(specifier: string): string | null {
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch {
    return null;
  }
}

/** A file of the importer's own package (a tsconfig `paths` alias, a `#name` import) is bundled with it, not loaded as a package. */
function inSamePackage(resolved: string, importer: string): boolean {
  if (resolved.split(/[\\/]/).includes("node_modules")) return false;
  return findUp(dirname(resolved), "package.json") === findUp(dirname(importer), "package.json");
}

/**
 * The bundle is imported from a temp folder, where Node would find none of the user's packages.
 * So every package import is resolved here, from the importing file's folder with esbuild's own
 * resolver (package `exports`, the `node` and `import` conditions, symlinks followed as Node
 * follows them), and left external as the absolute file URL of exactly that package's file.
 */
export function externalPackagesPlugin(): Plugin {
  return {
    name: "orchc-external-packages",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === RESOLVING) return undefined;
        // Built-ins, and URLs (`node:fs`, `data:`, `file:`), stay as written; so do absolute Windows paths.
        if (isBuiltin(args.path) || /^[a-z][a-z0-9+.-]*:/i.test(args.path)) return { path: args.path, external: true };
        const result = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: RESOLVING, with: args.with });
        let resolved = result.errors.length === 0 && !result.external ? result.path : null;
        if (resolved !== null && inSamePackage(resolved, args.importer)) return { path: resolved, namespace: result.namespace };
        if (resolved === null && isOrchc(args.path)) resolved = ownOrchc(args.path);
        if (resolved === null) {
          return { errors: [{ text: `cannot find package \`${args.path}\` from ${args.resolveDir}`, detail: MISSING_PACKAGE }] };
        }
        // `require` takes a path; `import` takes a URL (a bare Windows path would read as a URL scheme).
        const requires = args.kind === "require-call" || args.kind === "require-resolve";
        return { path: requires ? resolved : pathToFileURL(resolved).href, external: true };
      });
    },
  };
}
