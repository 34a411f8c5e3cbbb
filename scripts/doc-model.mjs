// The DSL's API as users see it (the declarations `import … from "orchc"` gets), read into API
// Extractor's doc model. Two things use it: the reference in docs/reference/ (scripts/reference.mjs)
// and the test that fails when an exported symbol lacks a doc comment (test/unit/dsl-tsdoc.test.ts).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { Extractor } from "@microsoft/api-extractor";
import { extractorConfig } from "./extractor-config.mjs";
import { ApiDocumentedItem, ApiItemKind, ApiModel } from "@microsoft/api-extractor-model";

export const root = resolve(import.meta.dirname, "..");

// The JavaScript compiler API of the TypeScript API Extractor parses with (the repository's own
// TypeScript 7 has none yet): it reads the properties of object type aliases, which the doc model
// keeps as one piece of text.
const ts = createRequire(createRequire(import.meta.url).resolve("@microsoft/api-extractor"))("typescript");

/**
 * Emits the DSL's declarations into `folder`/declarations and writes its doc model to
 * `folder`/orchc.api.json (the file @microsoft/api-documenter reads). Returns that file's path.
 */
export function buildDslDocModel(folder) {
  const declarations = join(folder, "declarations");
  const tsc = join(createRequire(import.meta.url).resolve("typescript/package.json"), "..", "bin", "tsc");
  const emit = spawnSync(process.execPath, [tsc, "-p", join(root, "packages", "dsl", "tsconfig.declarations.json"), "--outDir", declarations], { encoding: "utf8" });
  if (emit.status !== 0) throw new Error(`tsc could not emit the DSL's declarations:\n${emit.stdout}${emit.stderr}`);
  return buildDocModel({ entry: join(declarations, "index.d.ts"), folder });
}

/** Runs API Extractor over one entry `.d.ts` (the package is named after packages/cli: `orchc`). */
export function buildDocModel({ entry, folder }) {
  mkdirSync(folder, { recursive: true });
  const apiJson = join(folder, "orchc.api.json");
  // Source links would carry this machine's paths; the reference must be the same everywhere.
  const config = extractorConfig({ entry, docModel: { enabled: true, apiJsonFilePath: apiJson, projectFolderUrl: undefined } });
  const result = Extractor.invoke(config, { localBuild: true, showVerboseMessages: false, messageCallback: (message) => { message.handled = true; } });
  if (!result.succeeded) throw new Error(`API Extractor failed with ${result.errorCount} error(s) on ${entry}`);
  return apiJson;
}

/** Kinds a user calls: each needs an `@example` besides its summary. */
const CALLABLE = new Set([ApiItemKind.Function, ApiItemKind.Method, ApiItemKind.MethodSignature]);
/** Kinds whose members are documented one by one (the rest — type aliases, enums' values — are documented as a whole). */
const CONTAINER = new Set([ApiItemKind.EntryPoint, ApiItemKind.Class, ApiItemKind.Interface, ApiItemKind.Namespace]);

/**
 * Every exported item of the doc model at `apiJson` — and every public member of an exported class
 * or interface — with what its doc comment lacks. Returns `{ checked, offenders }`, where `checked`
 * counts the items looked at and each offender is `"<name>: <what is missing>"`.
 */
export function undocumentedItems(apiJson) {
  const apiPackage = new ApiModel().loadPackage(apiJson);
  const offenders = [];
  let checked = 0;
  const visit = (item) => {
    for (const member of item.members) {
      if (!(member instanceof ApiDocumentedItem)) continue;
      checked++;
      const name = member.getScopedNameWithinPackage();
      const comment = member.tsdocComment;
      const summary = comment ? textOf(comment.summarySection).trim() : "";
      if (summary === "") offenders.push(`${name}: no doc comment`);
      else if (CALLABLE.has(member.kind) && !comment.customBlocks.some((block) => block.blockTag.tagNameWithUpperCase === "@EXAMPLE")) {
        offenders.push(`${name}: no @example`);
      }
      if (CONTAINER.has(member.kind)) visit(member);
      if (member.kind === ApiItemKind.TypeAlias) {
        for (const property of typeAliasProperties(member)) {
          checked++;
          if (!property.documented) offenders.push(`${name}.${property.name}: no doc comment`);
        }
      }
    }
  };
  for (const entryPoint of apiPackage.entryPoints) visit(entryPoint);
  return { checked, offenders };
}

/**
 * The properties of a type alias that is an object type, or an intersection with object types
 * (`AirflowTaskOverrides`, `PythonWheelOptions`: the options users write), each with whether a doc
 * comment precedes it. A union's members are not options of one object: they are documented with
 * the alias (and by the functions that build them).
 */
export function typeAliasProperties(alias) {
  const file = resolve(root, alias.fileUrlPath);
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find((statement) => ts.isTypeAliasDeclaration(statement) && statement.name.text === alias.name);
  if (!declaration) return [];
  const literals = ts.isTypeLiteralNode(declaration.type)
    ? [declaration.type]
    : ts.isIntersectionTypeNode(declaration.type) ? declaration.type.types.filter(ts.isTypeLiteralNode) : [];
  return literals.flatMap((literal) =>
    literal.members.filter(ts.isPropertySignature).map((property) => {
      const docs = (ts.getLeadingCommentRanges(text, property.getFullStart()) ?? []).filter((range) => text.startsWith("/**", range.pos));
      const comment = docs.length === 0 ? "" : commentText(text.slice(docs[docs.length - 1].pos, docs[docs.length - 1].end));
      return { name: property.name.getText(source), comment, documented: comment.trim() !== "" };
    }),
  );
}

/** A `/** … *\/` comment's text, without its delimiters and leading stars. */
function commentText(comment) {
  return comment.replace(/^\/\*\*/, "").replace(/\*\/$/, "").split("\n").map((line) => line.replace(/^\s*\* ?/, "").trimEnd()).join("\n").trim();
}

/** The plain text of a TSDoc node (enough to tell an empty summary from a written one). */
function textOf(node) {
  if (node.kind === "PlainText") return node.text;
  if (node.kind === "CodeSpan" || node.kind === "FencedCode") return node.code;
  return node.getChildNodes().map(textOf).join("");
}
