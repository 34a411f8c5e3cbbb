// Writes the declarations users get with `import … from "orchc"`: TypeScript emits the DSL's .d.ts,
// and API Extractor rolls them into one file, packages/cli/dist/index.d.ts. One compiled file, not the
// DSL's sources: a user's compiler options (exactOptionalPropertyTypes, skipLibCheck: false, …) then
// never type-check orchc's implementation, and the editor loads one file instead of a tree.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { Extractor } from "@microsoft/api-extractor";
import { extractorConfig } from "./extractor-config.mjs";

const root = resolve(import.meta.dirname, "..");
const emitted = join(root, ".cache", "declarations", "dsl");
const output = join(root, "packages", "cli", "dist", "index.d.ts");

// The package's own bin (its exports map does not list it), found from its package.json.
const tsc = join(createRequire(import.meta.url).resolve("typescript/package.json"), "..", "bin", "tsc");
const emit = spawnSync(process.execPath, [tsc, "-p", join(root, "packages", "dsl", "tsconfig.declarations.json")], { stdio: "inherit" });
if (emit.status !== 0) process.exit(emit.status ?? 1);

const config = extractorConfig({ entry: join(emitted, "index.d.ts"), dtsRollup: { enabled: true, untrimmedFilePath: output } });
mkdirSync(join(root, "packages", "cli", "dist"), { recursive: true });
const result = Extractor.invoke(config, { localBuild: true, showVerboseMessages: false });
if (!result.succeeded) {
  console.error(`build-declarations: API Extractor failed with ${result.errorCount} error(s)`);
  process.exit(1);
}
// The same declarations for `require("orchc")` in a CommonJS project: TypeScript before 5.8 refuses a
// CommonJS file's import of an ES module's types, and Node ≥ 20.19 requires dist/index.js (an ES module
// without top-level await) either way.
copyFileSync(output, output.replace(/\.d\.ts$/, ".d.cts"));
