import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { bundleModule } from "./bundle-module.js";
import { locationInStack } from "./location-in-stack.js";

/** `inputs`: the files the module was bundled from (empty when bundling failed). */
type Loaded = { namespace: Record<string, unknown> | null; diagnostics: Diagnostic[]; inputs: ReadonlyArray<string> };

/** A private folder for the bundle: the user's own folder may be read-only, and is not orchc's to write in. */
function privateTempDir(): string | Diagnostic {
  const parent = tmpdir();
  try {
    return mkdtempSync(join(parent, "orchc-load-"));
  } catch (failure) {
    const reason = (failure as NodeJS.ErrnoException).code ?? (failure as Error).message;
    return error("ORC109", `cannot create a temp folder in ${parent} to load the pipeline (${reason})`, {
      hint: "point TMPDIR to a folder you can write, e.g. `TMPDIR=$HOME/.cache orchc …`",
    });
  }
}

/**
 * Bundles the user's TypeScript (with its local imports) with esbuild and imports the result from
 * a private temp folder, so nothing is ever written beside the user's files. When the import throws,
 * the bundle's source map (made then) points the throw at the user's line.
 */
/** The bundle's source map, made again on the error path only: the same bundle, so the same lines. */
async function mapOf(file: string): Promise<string | undefined> {
  const bundle = await bundleModule(file, true);
  return Array.isArray(bundle) ? undefined : bundle.map;
}

export async function loadModule(file: string): Promise<Loaded> {
  const bundle = await bundleModule(file);
  if (Array.isArray(bundle)) return { namespace: null, diagnostics: bundle, inputs: [] };
  const { inputs } = bundle;
  const folder = privateTempDir();
  if (typeof folder !== "string") return { namespace: null, diagnostics: [folder], inputs };
  // A fresh folder per load is also a fresh URL, so a second load in one process (`--watch`) never gets Node's cached module.
  const bundled = join(folder, `${basename(file)}.mjs`);
  try {
    writeFileSync(bundled, bundle.code);
    return { namespace: (await import(pathToFileURL(bundled).href)) as Record<string, unknown>, diagnostics: [], inputs };
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    const stack = thrown instanceof Error ? thrown.stack : undefined;
    return {
      namespace: null,
      inputs,
      diagnostics: [
        error("ORC102", `loading the pipeline threw: ${message}`, {
          hint: /Cannot find (package|module)/.test(message) ? "install the missing package (`npm i -D orchc` for orchc itself)" : undefined,
          location: locationInStack(stack, bundled, await mapOf(file), dirname(file)) ?? { file, line: 1, column: 1 },
        }),
      ],
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
