import { error, type Diagnostic } from "@orchc/compiler/diagnostics";
import type { TargetName } from "@orchc/targets/names";
import { jsonErrorOffset, locationAt } from "./json-position.js";

/**
 * The TypeScript orchc itself is type-checked with (the root package.json's devDependency); a test
 * holds the two equal, so a user's `tsc --noEmit` runs the compiler orchc's types are proven on.
 */
export const TYPESCRIPT_RANGE = "^7.0.2";

type Manifest = Record<string, unknown>;

/** The sections npm installs from; a package declared in any of them is the user's choice and is left alone. */
const DEPENDENCY_SECTIONS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** package.json as an object, or a diagnostic at the place it cannot be one. */
export function parseManifest(file: string, text: string): { manifest: Manifest } | { diagnostic: Diagnostic } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (failure) {
    const reason = failure instanceof Error ? failure.message : String(failure);
    return { diagnostic: error("ORC701", `package.json is not valid JSON (${reason}); orchc init did not change it`, { location: locationAt(file, text, jsonErrorOffset(text, failure)), hint: "fix it (`npm pkg fix` repairs some mistakes), then run orchc init again" }) };
  }
  if (!isObject(parsed)) return { diagnostic: error("ORC701", "package.json is not a JSON object; orchc init did not change it", { location: locationAt(file, text, text.search(/\S/)) }) };
  for (const section of ["scripts", ...DEPENDENCY_SECTIONS]) {
    if (parsed[section] !== undefined && !isObject(parsed[section])) {
      const at = text.indexOf(`"${section}"`);
      return { diagnostic: error("ORC701", `package.json: \`${section}\` is not an object; orchc init did not change it`, { location: locationAt(file, text, at < 0 ? 0 : at), hint: `npm reads \`${section}\` as { "name": "…" } entries` }) };
    }
  }
  return { manifest: parsed };
}

/** What `npm init` would have written, for a folder that has no package.json; ESM, as pipeline.ts is written. */
export function newManifest(name: string): Manifest {
  return { name: name.toLowerCase().replace(/[^a-z0-9-]+/g, "-"), private: true, type: "module" };
}

/**
 * The scripts of the daily loop and the two packages it needs, each only where the user has none.
 * The module type is not touched: a package.json without `"type": "module"` (npm init writes
 * `"commonjs"`) makes tsc check pipeline.ts as CommonJS, where its `import` of the ESM orchc is a
 * require() of an ES module that TypeScript (≥ 5.8 under NodeNext) and Node (≥ 20.19) both accept,
 * and orchc bundles pipeline.ts with esbuild either way; whereas switching the type would change how
 * Node loads every other .js file the project already has.
 */
export function initializedManifest(manifest: Manifest, targets: ReadonlyArray<TargetName>, orchcRange: string): { manifest: Manifest; added: string[] } {
  const build = `orchc build --target ${targets.join(",")}`;
  const wanted = { build, check: `${build} --check`, typecheck: "tsc --noEmit", pipeline: "orchc run" };
  const scripts = { ...(manifest.scripts as Record<string, string> | undefined) };
  const added: string[] = [];
  for (const [name, command] of Object.entries(wanted)) {
    if (Object.hasOwn(scripts, name)) continue;
    scripts[name] = command;
    added.push(`scripts.${name}`);
  }
  const declared = (name: string) => DEPENDENCY_SECTIONS.some((section) => isObject(manifest[section]) && Object.hasOwn(manifest[section], name));
  const devDependencies = { ...(manifest.devDependencies as Record<string, string> | undefined) };
  for (const [name, range] of [["orchc", orchcRange], ["typescript", TYPESCRIPT_RANGE]] as const) {
    if (declared(name)) continue;
    devDependencies[name] = range;
    added.push(`devDependencies.${name}`);
  }
  return { manifest: { ...manifest, scripts, devDependencies }, added };
}

/** As npm writes it back: the file's own indentation and line ends, and a final newline. */
export function manifestText(manifest: Manifest, original: string | null): string {
  const indent = original === null ? "  " : (/^[{[][ \t]*\r?\n([ \t]+)/.exec(original)?.[1] ?? "  ");
  const eol = original?.includes("\r\n") ? "\r\n" : "\n";
  return `${JSON.stringify(manifest, null, indent).replace(/\n/g, eol)}${eol}`;
}
