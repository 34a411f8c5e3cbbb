// The code blocks of README.md and docs/*.md, read as the test of docs/ runs them. An HTML comment
// right before a fence (invisible on GitHub) says what the block is:
//
//   <!-- snippet: build airflow,local -->       a whole pipeline.ts: type-checked, then built for these targets
//   <!-- snippet: fragment: <why> -->           a piece of a pipeline: not compiled, and listed with the reason
//   <!-- snippet: excerpt of <path> -->         contained verbatim in <path> as the last pipeline above built it
//   <!-- snippet: file <path> -->               getting started: the step writes this block to <path>
//   <!-- snippet: append to <path> -->          getting started: the step appends it
//   <!-- snippet: run, exits <n> -->            getting started: a shell block that must exit <n>
//   <!-- snippet: not run: <why> -->            a shell block shown and not run, listed with the reason
//
// A ```ts block without a marker is a whole pipeline.ts when it imports from "orchc" (built with
// `-t all`); else it is a fragment, which the pages that must be complete (README and the guides)
// may not hold unmarked. A ```yaml or ```json block with a top-level `id` and `tasks` is a pipeline
// written as data: built with the targets its marker names, else `-t ir`.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DocBlock {
  /** The document, relative to the repository (`docs/concepts.md`). */
  readonly doc: string;
  /** 1-based line of the block's first code line. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  /** The text of the `<!-- snippet: … -->` comment before the fence, if any. */
  readonly marker: string | undefined;
}

const FENCE = /^```(\S*)\s*$/;
const MARKER = /^<!--\s*snippet:\s*(.*?)\s*-->\s*$/;

/** Every fenced block of a Markdown text, with the marker on the line before it (blank lines allowed between). */
export function readBlocks(doc: string, text: string): DocBlock[] {
  const lines = text.split("\n");
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]!);
    if (open === null) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    let before = index - 1;
    while (before >= 0 && lines[before]!.trim() === "") before--;
    const marker = before >= 0 ? MARKER.exec(lines[before]!)?.[1] : undefined;
    blocks.push({ doc, line: start + 1, lang: open[1] ?? "", code: `${lines.slice(start, end).join("\n")}\n`, marker });
    index = end;
  }
  return blocks;
}

export const where = (block: DocBlock): string => `${block.doc}:${block.line}`;

/** A block to type-check and build. */
export interface BuildSnippet {
  readonly block: DocBlock;
  /** A file name for it in the shared project, unique and stable (without extension). */
  readonly name: string;
  /** `ts` (type-checked, then built) or `yaml`/`json` (a pipeline as plain data: built). */
  readonly ext: "ts" | "yaml" | "json";
  /** `-t` for `orchc build`. */
  readonly targets: string;
  /** Blocks that must appear verbatim in what it generated, each with the file it names. */
  readonly excerpts: ReadonlyArray<{ readonly block: DocBlock; readonly path: string }>;
}

export interface SnippetPlan {
  readonly builds: BuildSnippet[];
  /** Blocks not compiled, each with why: printed by the test and compared with the list it expects. */
  readonly skipped: Array<{ readonly where: string; readonly reason: string }>;
  /** Blocks that break the rules above: the test fails on any. */
  readonly problems: string[];
}

const importsOrchc = (code: string): boolean => /\bfrom\s+["']orchc["']/.test(code);
const nameOf = (block: DocBlock): string => `${block.doc.replace(/\.md$/, "").replace(/[^\w]+/g, "_")}_L${block.line}`;

/** A ```yaml or ```json block that is a whole pipeline (an `id` and `tasks` at the top), as `orchc build` reads pipeline.yaml and pipeline.json. */
function dataPipelineExt(block: DocBlock): "yaml" | "json" | undefined {
  if ((block.lang === "yaml" || block.lang === "yml") && /^id:/m.test(block.code) && /^tasks:/m.test(block.code)) return "yaml";
  if (block.lang === "json" && /^\{\s*"id"\s*:/.test(block.code.trim()) && block.code.includes('"tasks"')) return "json";
  return undefined;
}

/**
 * The ```ts blocks (and their excerpts) of the documents that are not walkthroughs. In `strict`
 * documents an unmarked fragment is a problem; elsewhere it is skipped with the reason.
 */
export function planSnippets(blocks: ReadonlyArray<DocBlock>, strict: (doc: string) => boolean): SnippetPlan {
  const builds: BuildSnippet[] = [];
  const skipped: SnippetPlan["skipped"] = [];
  const problems: string[] = [];
  let last: BuildSnippet | undefined;
  for (const block of blocks) {
    const marker = block.marker ?? "";
    const excerpt = /^excerpt of (\S+)$/.exec(marker);
    if (excerpt !== null) {
      if (last === undefined || last.block.doc !== block.doc) problems.push(`${where(block)}: an excerpt of ${excerpt[1]} with no pipeline built above it on the page`);
      else (last.excerpts as Array<BuildSnippet["excerpts"][number]>).push({ block, path: excerpt[1]! });
      continue;
    }
    const data = dataPipelineExt(block);
    if (data !== undefined) {
      const build = /^build\s+(\S+)$/.exec(marker);
      if (marker !== "" && build === null) problems.push(`${where(block)}: unknown snippet marker "${marker}" on a pipeline written as data (build <targets>)`);
      // Without a marker a pipeline written as data names no targets: `-t ir` checks its shape, ids, graph and references.
      last = { block, name: nameOf(block), ext: data, targets: build?.[1] ?? "ir", excerpts: [] };
      builds.push(last);
      continue;
    }
    if (block.lang !== "ts" && block.lang !== "typescript") continue;
    const fragment = /^fragment:\s*(.+)$/.exec(marker);
    if (fragment !== null) {
      skipped.push({ where: where(block), reason: fragment[1]! });
      continue;
    }
    const build = /^build\s+(\S+)$/.exec(marker);
    if (marker !== "" && build === null) {
      problems.push(`${where(block)}: unknown snippet marker "${marker}" on a ts block (build <targets> | fragment: <why> | excerpt of <path>)`);
      continue;
    }
    if (!importsOrchc(block.code)) {
      if (strict(block.doc)) problems.push(`${where(block)}: a ts block that does not import from "orchc": make it a whole pipeline.ts, or mark it <!-- snippet: fragment: <why> -->`);
      else skipped.push({ where: where(block), reason: 'a fragment (no import from "orchc") on a page whose blocks carry no markers' });
      continue;
    }
    last = { block, name: nameOf(block), ext: "ts", targets: build?.[1] ?? "all", excerpts: [] };
    builds.push(last);
  }
  return { builds, skipped, problems };
}

export interface Runner {
  /** Runs the built orchc CLI in `cwd`. */
  readonly orchc: (args: ReadonlyArray<string>, cwd: string) => { status: number | null; stdout: string; stderr: string };
  /** The `tsc` to run (a path to its bin script, run with this Node). */
  readonly tsc: string;
}

/** The tsconfig every snippet is checked under: what `orchc init` writes, and the strictest settings users run. */
export const SNIPPET_COMPILER_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  skipLibCheck: false,
  types: [],
} as const;

/**
 * Writes every snippet into `project` (which must resolve `import … from "orchc"`), type-checks them
 * all in one `tsc` run, builds each, and checks each excerpt. Returns the problems, each at the
 * document line it comes from; an empty list means the docs are true.
 */
export function checkSnippets(project: string, builds: ReadonlyArray<BuildSnippet>, runner: Runner): string[] {
  const problems: string[] = [];
  const folder = join(project, "snippets");
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const snippet of builds) writeFileSync(join(folder, `${snippet.name}.${snippet.ext}`), snippet.block.code);
  writeFileSync(join(project, "tsconfig.json"), `${JSON.stringify({ compilerOptions: SNIPPET_COMPILER_OPTIONS, include: ["snippets/*.ts"] }, null, 2)}\n`);
  if (builds.some((snippet) => snippet.ext === "ts")) {
    const tsc = spawnSync(process.execPath, [runner.tsc, "-p", "tsconfig.json", "--pretty", "false"], { cwd: project, encoding: "utf8", timeout: 120_000 });
    const output = `${tsc.stdout}${tsc.stderr}`;
    const byName = new Map(builds.map((snippet) => [snippet.name, snippet]));
    for (const line of output.split("\n")) {
      const error = /^snippets\/(\w+)\.ts\((\d+),(\d+)\): (.*)$/.exec(line);
      if (error === null) continue;
      const snippet = byName.get(error[1]!);
      if (snippet === undefined) continue;
      problems.push(`${snippet.block.doc}:${snippet.block.line + Number(error[2]) - 1}:${error[3]}: tsc: ${error[4]}`);
    }
    if (tsc.status !== 0 && problems.length === 0) problems.push(`tsc failed without an error in a snippet:\n${output}`);
  }
  for (const snippet of builds) {
    const out = join("out", snippet.name);
    const built = runner.orchc(["build", `snippets/${snippet.name}.${snippet.ext}`, "-t", snippet.targets, "-o", out], project);
    if (built.status !== 0) {
      problems.push(`${where(snippet.block)}: orchc build -t ${snippet.targets} exited ${built.status}:\n${built.stderr}`);
      continue;
    }
    for (const excerpt of snippet.excerpts) {
      let text: string;
      try {
        text = readFileSync(join(project, out, excerpt.path), "utf8");
      } catch {
        problems.push(`${where(excerpt.block)}: an excerpt of ${excerpt.path}, which the pipeline at ${where(snippet.block)} does not generate`);
        continue;
      }
      if (!text.includes(excerpt.block.code)) problems.push(`${where(excerpt.block)}: not found verbatim in ${excerpt.path} as generated from ${where(snippet.block)}`);
    }
  }
  return problems;
}

/** One step of a walkthrough page (getting started), in page order. */
export type WalkStep =
  | { readonly kind: "sh"; readonly block: DocBlock; readonly exit: number }
  | { readonly kind: "write"; readonly block: DocBlock; readonly path: string }
  | { readonly kind: "append"; readonly block: DocBlock; readonly path: string }
  | { readonly kind: "excerpt"; readonly block: DocBlock; readonly path: string }
  | { readonly kind: "skip"; readonly block: DocBlock; readonly reason: string };

/** The steps of a walkthrough: its shell blocks to run, its files to write, its excerpts to find. */
export function walkthroughSteps(blocks: ReadonlyArray<DocBlock>): { steps: WalkStep[]; problems: string[] } {
  const steps: WalkStep[] = [];
  const problems: string[] = [];
  for (const block of blocks) {
    const marker = block.marker ?? "";
    const file = /^(file|append to|excerpt of) (\S+)$/.exec(marker);
    const notRun = /^not run:\s*(.+)$/.exec(marker);
    const run = /^run, exits (\d+)$/.exec(marker);
    if (file !== null) steps.push({ kind: file[1] === "file" ? "write" : file[1] === "append to" ? "append" : "excerpt", block, path: file[2]! } as WalkStep);
    else if (notRun !== null) steps.push({ kind: "skip", block, reason: notRun[1]! });
    else if (block.lang === "sh" || block.lang === "bash") steps.push({ kind: "sh", block, exit: run === null ? 0 : Number(run[1]) });
    else problems.push(`${where(block)}: a ${block.lang || "plain"} block in a walkthrough with no snippet marker (file, append to, excerpt of, not run)`);
    if (marker !== "" && file === null && notRun === null && run === null) problems.push(`${where(block)}: unknown snippet marker "${marker}"`);
  }
  return { steps, problems };
}
