// The API reference in docs/reference/: one markdown page per exported symbol of `orchc` (and per
// member), generated from the DSL's declarations and their TSDoc by @microsoft/api-documenter over
// API Extractor's doc model (scripts/doc-model.mjs).
//
//   node scripts/reference.mjs            regenerate docs/reference/
//   node scripts/reference.mjs --check    fail when docs/reference/ is not what the sources give
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiItemKind, ApiModel } from "@microsoft/api-extractor-model";
import { buildDslDocModel, root, typeAliasProperties } from "./doc-model.mjs";

const REFERENCE = join(root, "docs", "reference");
const FIX = "npm run docs:reference";

/** Writes the reference into `out` (emptied first). */
export function generateReference(out) {
  const work = mkdtempSync(join(tmpdir(), "orchc-reference-"));
  try {
    const apiJson = buildDslDocModel(join(work, "model"));
    const documenter = join(createRequire(import.meta.url).resolve("@microsoft/api-documenter/package.json"), "..", "bin", "api-documenter");
    const result = spawnSync(process.execPath, [documenter, "markdown", "--input-folder", join(work, "model"), "--output-folder", out], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`api-documenter failed:\n${result.stdout}${result.stderr}`);
    addTypeAliasProperties(apiJson, out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * api-documenter shows an object type alias (the `.airflow({...})` keys, `PythonWheelOptions`) as its
 * signature only, without the comments on its properties; those are what a reader looks up, so
 * each such page gets a table of them.
 */
function addTypeAliasProperties(apiJson, out) {
  const apiPackage = new ApiModel().loadPackage(apiJson);
  for (const entryPoint of apiPackage.entryPoints) {
    for (const alias of entryPoint.members.filter((member) => member.kind === ApiItemKind.TypeAlias)) {
      const properties = typeAliasProperties(alias);
      if (properties.length === 0) continue;
      const page = join(out, `orchc.${alias.name.toLowerCase()}.md`);
      const rows = properties.map(({ name, comment }) => `| \`${name}\` | ${tableCell(comment)} |`);
      writeFileSync(page, `${readFileSync(page, "utf8").trimEnd()}\n\n## Properties\n\n| property | description |\n| --- | --- |\n${rows.join("\n")}\n`);
    }
  }
}

/** A property's comment in one table cell: its prose, then each `@example` as inline code. */
function tableCell(comment) {
  const [prose, ...examples] = comment.split("@example");
  const code = examples.map((example) => example.replace(/```(ts)?/g, "").trim().replace(/\s*\n\s*/g, " ")).map((example) => `<br>Example: \`${example}\``);
  return (prose.trim().replace(/\s*\n\s*/g, " ") + code.join("")).replace(/\|/g, "\\|");
}

/** Every file under `folder`, by its path relative to it. */
function filesOf(folder) {
  if (!existsSync(folder)) return new Map();
  return new Map(readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return [path.slice(folder.length + 1), readFileSync(path, "utf8")];
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes("--check")) {
    generateReference(REFERENCE);
    console.log(`docs/reference: ${filesOf(REFERENCE).size} pages`);
  } else {
    const fresh = mkdtempSync(join(tmpdir(), "orchc-reference-check-"));
    try {
      generateReference(fresh);
      const expected = filesOf(fresh);
      const actual = filesOf(REFERENCE);
      const stale = [
        ...[...expected.keys()].filter((path) => actual.get(path) !== expected.get(path)).map((path) => `${actual.has(path) ? "differs" : "missing"}: docs/reference/${path}`),
        ...[...actual.keys()].filter((path) => !expected.has(path)).map((path) => `not generated (remove it): docs/reference/${path}`),
      ].sort();
      if (stale.length > 0) {
        console.error(`docs/reference is stale: the DSL's declarations or doc comments changed since it was generated.\n${stale.slice(0, 20).join("\n")}${stale.length > 20 ? `\n… and ${stale.length - 20} more` : ""}\nRegenerate it with \`${FIX}\` and commit docs/reference.`);
        process.exit(1);
      }
      console.log(`docs/reference: ${expected.size} pages, up to date`);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }
}
