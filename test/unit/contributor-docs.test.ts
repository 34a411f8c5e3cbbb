// ARCHITECTURE.md and CONTRIBUTING.md name files, npm scripts and diagnostic code ranges; a rename
// that forgets them would leave a newcomer following a map of files that are gone. Every path they
// put in backticks (or write in a shell block) must exist, every `npm run x` must be a script of
// package.json (and CONTRIBUTING.md must name every script), and the code ranges must be the ones
// packages/compiler/src/diagnostics/codes.ts has.
import { DIAGNOSTIC_CODES } from "@orchc/compiler";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");

/** What .gitignore keeps out of a clean clone: named in the docs as made by a command, not checked. */
function ignoredBy(gitignore: string): (path: string) => boolean {
  const patterns = gitignore
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  return (path) => {
    const segments = path.replace(/\/$/, "").split("/");
    return patterns.some((pattern) => {
      if (pattern.startsWith("*")) return path.endsWith(pattern.slice(1));
      const bare = pattern.replace(/\/$/, "");
      if (!bare.includes("/")) return segments.includes(bare);
      return path === bare || path.startsWith(`${bare}/`);
    });
  };
}

const isIgnored = ignoredBy(read(".gitignore"));
/** Top-level entries of a clean clone: a span is a repository path when it starts with one. */
const TOP_LEVEL = new Set(readdirSync(repoRoot).filter((name) => name !== ".git" && !isIgnored(name)));
const FILE_NAME = /^[\w.-]+\.(?:ts|mjs|js|json|md|sh|py|hbs|yml|yaml|txt|xml|version|versions)$/;
const WILDCARD = /[<*${]/;

function basenamesUnder(directory: string, into: Set<string>, relative = ""): Set<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (entry.name === ".git" || isIgnored(path)) continue;
    if (entry.isDirectory()) basenamesUnder(join(directory, entry.name), into, path);
    else into.add(entry.name);
  }
  return into;
}

let basenames: Set<string> | undefined;
const fileNamedSomewhere = (name: string) => (basenames ??= basenamesUnder(repoRoot, new Set())).has(name);

interface PathReport {
  /** Every path checked (files, folders, and the fixed part of patterns such as `test/golden/cases/<case>/`). */
  readonly checked: ReadonlyArray<string>;
  readonly missing: ReadonlyArray<string>;
}

/** Inline code spans, and the words of fenced blocks (commands name paths there too). */
function candidates(markdown: string): string[] {
  const fenced = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((match) => match[1]!);
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, "");
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!.trim());
  const words = fenced.flatMap((block) => block.split(/[\s"'()|;]+/)).filter((word) => word.includes("/") && TOP_LEVEL.has(word.split("/")[0]!));
  return [...spans, ...words];
}

function checkPaths(markdown: string): PathReport {
  const checked: string[] = [];
  const missing: string[] = [];
  for (const span of candidates(markdown)) {
    if (/\s/.test(span) || /^(?:-|@|https?:)/.test(span)) continue;
    if (span.includes("/")) {
      if (!TOP_LEVEL.has(span.split("/")[0]!) || isIgnored(span)) continue;
      // A pattern (`packages/targets/src/<target>`, `examples/$name/…`): its fixed folder must exist.
      const fixed = WILDCARD.test(span) ? span.slice(0, span.slice(0, span.search(WILDCARD)).lastIndexOf("/") + 1) : span;
      checked.push(fixed);
      if (!existsSync(join(repoRoot, fixed))) missing.push(span);
    } else if (FILE_NAME.test(span)) {
      // A bare file name (`task-node.ts` after its folder was named): some file of that name exists.
      checked.push(span);
      if (!fileNamedSomewhere(span)) missing.push(span);
    }
  }
  return { checked, missing };
}

const SCRIPTS = Object.keys((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts);

function checkScripts(markdown: string): PathReport {
  const named = [...markdown.matchAll(/\bnpm (?:run ([\w:-]+)|(test)\b)/g)].map((match) => match[1] ?? match[2]!);
  return { checked: named, missing: named.filter((name) => !SCRIPTS.includes(name)) };
}

const RANGE = /\bORC(\d)xx\b/g;
const rangesIn = (text: string) => new Set([...text.matchAll(RANGE)].map((match) => match[1]!));
const CODE_RANGES = new Set(Object.keys(DIAGNOSTIC_CODES).map((code) => code.charAt(3)));
const codesNamed = (text: string) => [...text.matchAll(/\bORC\d{3}\b/g)].map((match) => match[0]);

const DOCS = { "ARCHITECTURE.md": 150, "CONTRIBUTING.md": 40 } as const;

describe("contributor docs name what exists", () => {
  for (const [doc, atLeast] of Object.entries(DOCS)) {
    const text = read(doc);

    it(`${doc}: every repository path it names exists`, () => {
      const { checked, missing } = checkPaths(text);
      expect(missing, `${doc} names paths that do not exist`).toEqual([]);
      // Not vacuous: the doc is a map of files, and the extraction must have found them.
      expect(checked.length).toBeGreaterThanOrEqual(atLeast);
    });

    it(`${doc}: every npm script it names is in package.json`, () => {
      const { checked, missing } = checkScripts(text);
      expect(missing, `${doc} names npm scripts package.json does not have`).toEqual([]);
      expect(checked.length).toBeGreaterThan(0);
    });

    it(`${doc}: every diagnostic code it names exists`, () => {
      expect(codesNamed(text).filter((code) => !Object.hasOwn(DIAGNOSTIC_CODES, code))).toEqual([]);
    });
  }

  it("ARCHITECTURE.md's code ranges are the ranges codes.ts has and says it has", () => {
    const documented = rangesIn(read("ARCHITECTURE.md"));
    const declared = rangesIn(read("packages/compiler/src/diagnostics/codes.ts"));
    expect([...documented].sort()).toEqual([...CODE_RANGES].sort());
    expect([...declared].sort()).toEqual([...CODE_RANGES].sort());
    expect(CODE_RANGES.size).toBeGreaterThanOrEqual(7);
  });

  it("CONTRIBUTING.md names every npm script of package.json but `prepare`", () => {
    const named = new Set(checkScripts(read("CONTRIBUTING.md")).checked);
    expect(SCRIPTS.filter((script) => script !== "prepare" && !named.has(script))).toEqual([]);
  });
});

describe("the checks above can fail", () => {
  it("name a missing path, a missing pattern folder, a missing file name and a missing script", () => {
    const doc = [
      "See `packages/compiler/src/check/check-pipelines.ts` and `packages/compiler/src/no-such-file.ts`.",
      "Cases live in `test/golden/cases/<case>/`, not in `test/no-such-folder/<case>/`.",
      "`task-node.ts` exists, `no-such-node.ts` does not; `dags/<pipeline>.py` is a user's path, not ours.",
      "```sh",
      "npx vitest run test/unit/no-such.test.ts",
      "```",
      "Run `npm run typecheck` and `npm run no-such-script`, then `npm test`.",
    ].join("\n");
    expect(checkPaths(doc)).toEqual({
      checked: [
        "packages/compiler/src/check/check-pipelines.ts",
        "packages/compiler/src/no-such-file.ts",
        "test/golden/cases/",
        "test/no-such-folder/",
        "task-node.ts",
        "no-such-node.ts",
        "test/unit/no-such.test.ts",
      ],
      missing: ["packages/compiler/src/no-such-file.ts", "test/no-such-folder/<case>/", "no-such-node.ts", "test/unit/no-such.test.ts"],
    });
    expect(checkScripts(doc)).toEqual({ checked: ["typecheck", "no-such-script", "test"], missing: ["no-such-script"] });
    expect([...rangesIn("`ORC1xx` and `ORC9xx`")].filter((range) => !CODE_RANGES.has(range))).toEqual(["9"]);
    expect(codesNamed("ORC301 and ORC999").filter((code) => !Object.hasOwn(DIAGNOSTIC_CODES, code))).toEqual(["ORC999"]);
  });

  it("skip what a clean clone does not have until a command makes it", () => {
    expect(checkPaths("`.tools/` `packages/targets/src/local/runner-source.generated.ts` `packages/cli/dist/bundle/`")).toEqual({ checked: [], missing: [] });
  });
});
