// Docs cannot drift: every ```ts block of README.md and docs/*.md is type-checked (strict) and built
// with the CLI, every excerpt of a generated file a guide shows is found verbatim in what orchc
// generates, and docs/getting-started.md is followed command by command, in order, in an empty
// folder outside the repository with the orchc that `npm pack` ships. The markers the blocks carry
// are described in ./doc-snippets.ts.
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, runCli, useTempProjects } from "./cli-helpers.js";
import { checkSnippets, planSnippets, readBlocks, walkthroughSteps, where, type DocBlock, type Runner } from "./doc-snippets.js";

const project = useTempProjects();

const WALKTHROUGH = "docs/getting-started.md";
/** Pages whose ts blocks must all be whole pipelines, or fragments marked with their reason. */
const STRICT = new Set(["README.md", WALKTHROUGH, "docs/concepts.md", "docs/coming-from-airflow.md", "docs/coming-from-databricks.md", "docs/coming-from-github-actions.md"]);
const GUIDES = [...STRICT].filter((doc) => doc !== "README.md");

/**
 * The blocks not compiled, by page and first code line, and why. A block that joins or leaves this
 * list is a change someone must mean: the test prints the list and fails when it differs.
 */
const EXPECTED_SKIPPED: ReadonlyArray<string> = [
  "docs/github-actions.md: targets: { githubActions… — a fragment (no import from \"orchc\") on a page whose blocks carry no markers",
  "docs/large-pipelines.md: const nightly = pipeline… — a fragment (no import from \"orchc\") on a page whose blocks carry no markers",
  "docs/local.md: daily… — a fragment (no import from \"orchc\") on a page whose blocks carry no markers",
  "docs/semantics.md: const count = daily.task… — a fragment (no import from \"orchc\") on a page whose blocks carry no markers",
  "docs/semantics.md: const listed = daily.tas… — a fragment (no import from \"orchc\") on a page whose blocks carry no markers",
  "docs/semantics.md: const report = pipeline(… — a fragment (no import from \"orchc\") on a page whose blocks carry no markers",
  "docs/semantics.md: const start = daily.task… — a fragment (no import from \"orchc\") on a page whose blocks carry no markers",
  "docs/semantics.md: targets: {… — a fragment (no import from \"orchc\") on a page whose blocks carry no markers",
];

const documents = (): string[] => ["README.md", ...readdirSync(join(repoRoot, "docs")).filter((name) => name.endsWith(".md")).sort().map((name) => `docs/${name}`)];
const blocksOf = (doc: string): DocBlock[] => readBlocks(doc, readFileSync(join(repoRoot, doc), "utf8"));

const runner: Runner = {
  orchc: (args, cwd) => runCli(args, { cwd }),
  tsc: join(repoRoot, "node_modules", "typescript", "bin", "tsc"),
};

describe("the snippet rules", () => {
  const page = (text: string) => readBlocks("docs/page.md", text);

  it("reads a marker before a fence, and each block's first line", () => {
    const blocks = page("# t\n\n<!-- snippet: build airflow -->\n\n```ts\nimport { pipeline } from \"orchc\";\n```\n\n```sh\nls\n```\n");
    expect(blocks.map((block) => [block.line, block.lang, block.marker])).toEqual([
      [6, "ts", "build airflow"],
      [10, "sh", undefined],
    ]);
  });

  it("refuses an unmarked fragment on a strict page, and skips it with the reason elsewhere", () => {
    const blocks = page("```ts\nconst a = 1;\n```\n\n<!-- snippet: fragment: shows one option -->\n```ts\nx\n```\n");
    expect(planSnippets(blocks, () => true).problems).toEqual(['docs/page.md:2: a ts block that does not import from "orchc": make it a whole pipeline.ts, or mark it <!-- snippet: fragment: <why> -->']);
    const lenient = planSnippets(blocks, () => false);
    expect(lenient.problems).toEqual([]);
    expect(lenient.skipped.map((skip) => skip.reason)).toEqual(['a fragment (no import from "orchc") on a page whose blocks carry no markers', "shows one option"]);
  });

  it("fails on a snippet that does not type-check, one that does not build, and an excerpt orchc does not write, at their lines", () => {
    const text = [
      "<!-- snippet: build airflow -->",
      "```ts",
      'import { params, pipeline, sh } from "orchc";',
      'const p = params({ day: { type: "string", default: "" } });',
      'const daily = pipeline("daily", { params: p });',
      "daily.task(\"load\", sh`./load.sh ${p.dya}`);",
      "export default daily;",
      "```",
      "",
      "<!-- snippet: build airflow -->",
      "```ts",
      'import { pipeline } from "orchc";',
      'export default pipeline("empty", {});',
      "```",
      "",
      "<!-- snippet: build airflow -->",
      "```ts",
      'import { pipeline, sh } from "orchc";',
      'const ok = pipeline("ok", {});',
      'ok.task("a", sh`true`);',
      "export default ok;",
      "```",
      "",
      "<!-- snippet: excerpt of dags/ok.py -->",
      "```python",
      '    a = PythonOperator(task_id="a")',
      "```",
      "",
    ].join("\n");
    const plan = planSnippets(page(text), () => true);
    expect(plan.problems).toEqual([]);
    const problems = checkSnippets(project(), plan.builds, runner);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^docs\/page\.md:6:\d+: tsc: .*dya/);
    expect(problems[1]).toMatch(/^docs\/page\.md:3: orchc build -t airflow exited 1:/);
    expect(problems[2]).toMatch(/^docs\/page\.md:12: orchc build -t airflow exited 1:[\s\S]*ORC2/);
    expect(problems[3]).toBe("docs/page.md:26: not found verbatim in dags/ok.py as generated from docs/page.md:18");
  });

  it("builds a pipeline written as data, and fails on a broken one at its line", () => {
    const text = [
      "```yaml",
      "id: nightly",
      "tasks:",
      "  extract: { action: { kind: shell, command: ./extract.sh } }",
      "```",
      "",
      "<!-- snippet: build local -->",
      "```yaml",
      "id: broken",
      "tasks:",
      "  load: { action: { kind: shell, command: ./load.sh }, after: [extrct] }",
      "```",
      "",
    ].join("\n");
    const plan = planSnippets(page(text), () => true);
    expect(plan.builds.map((build) => `${build.ext} -t ${build.targets}`)).toEqual(["yaml -t ir", "yaml -t local"]);
    const problems = checkSnippets(project(), plan.builds, runner);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^docs\/page\.md:9: orchc build -t local exited 1:[\s\S]*ORC201/);
  });

  it("reads a walkthrough's steps in order, and refuses a block it cannot place", () => {
    const text = "```sh\nnpm i\n```\n\n<!-- snippet: file pipeline.ts -->\n```ts\nx\n```\n\n<!-- snippet: run, exits 1 -->\n```sh\nfalse\n```\n\n```yaml\na: 1\n```\n";
    const { steps, problems } = walkthroughSteps(page(text));
    expect(steps.map((step) => step.kind + (step.kind === "sh" ? `:${step.exit}` : ""))).toEqual(["sh:0", "write", "sh:1"]);
    expect(problems).toEqual(["docs/page.md:16: a yaml block in a walkthrough with no snippet marker (file, append to, excerpt of, not run)"]);
  });
});

describe("README and docs/*.md", () => {
  it("have the guides this test holds to the strict rules", () => {
    const present = new Set(documents());
    expect(GUIDES.filter((doc) => !present.has(doc))).toEqual([]);
  });

  it("type-check and build every ts block, and hold every excerpt of a generated file", () => {
    const blocks = documents()
      .filter((doc) => doc !== WALKTHROUGH)
      .flatMap(blocksOf);
    const plan = planSnippets(blocks, (doc) => STRICT.has(doc));
    const firstLine = (at: string) => {
      const block = blocks.find((candidate) => where(candidate) === at)!;
      return block.code.split("\n")[0]!.slice(0, 24);
    };
    const skipped = plan.skipped.map((skip) => `${skip.where.replace(/:\d+$/, "")}: ${firstLine(skip.where)}… — ${skip.reason}`);
    console.log(`[doc-snippets] ${plan.builds.length} built: ${plan.builds.map((build) => `${where(build.block)} (${build.ext}, -t ${build.targets}${build.excerpts.length > 0 ? `, ${build.excerpts.length} excerpt(s)` : ""})`).join(", ")}`);
    console.log(`[doc-snippets] ${skipped.length} skipped:\n  ${skipped.join("\n  ")}`);
    expect(plan.problems).toEqual([]);
    expect(plan.builds.map((build) => build.block.doc)).toEqual(expect.arrayContaining(["README.md", ...GUIDES.filter((doc) => doc !== WALKTHROUGH)]));
    expect(checkSnippets(project(), plan.builds, runner)).toEqual([]);
    expect(skipped).toEqual(EXPECTED_SKIPPED);
  }, 180_000);
});

describe("docs/getting-started.md, followed as written", () => {
  // Made by the test itself, so that a run that filters it out leaves no folder behind.
  let work = "";
  afterAll(() => {
    if (work !== "") rmSync(work, { recursive: true, force: true });
  });

  /** A user's shell: nothing of this repository's (no npm_* of `npm test`, no node_modules/.bin on PATH); npm from its cache first. */
  const env = (): NodeJS.ProcessEnv => ({
    PATH: (process.env.PATH ?? "/usr/bin:/bin").split(delimiter).filter((entry) => !entry.includes("node_modules")).join(delimiter),
    HOME: process.env.HOME ?? "/root",
    NO_COLOR: "1",
    CI: "1",
    npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? "/root", ".npm"),
    npm_config_prefer_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    GIT_AUTHOR_NAME: "orchc docs",
    GIT_AUTHOR_EMAIL: "docs@example.com",
    GIT_COMMITTER_NAME: "orchc docs",
    GIT_COMMITTER_EMAIL: "docs@example.com",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
  });

  it("runs every command in order, from an empty folder to a committed DAG and a passing check", () => {
    work = mkdtempSync(join(tmpdir(), "orchc-getting-started-"));
    const packed = spawnSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: join(repoRoot, "packages", "cli"), env: env(), encoding: "utf8", timeout: 120_000 });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = join(work, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);

    const { steps, problems } = walkthroughSteps(blocksOf(WALKTHROUGH));
    expect(problems).toEqual([]);
    const home = join(work, "user");
    mkdirSync(home);
    let cwd = home;
    const pwdFile = join(work, "pwd");
    const transcript: string[] = [];
    for (const step of steps) {
      const at = where(step.block);
      if (step.kind === "skip") throw new Error(`${at}: getting started runs every block, yet this one is marked "not run: ${step.reason}"`);
      if (step.kind === "write") writeFileSync(join(cwd, step.path), step.block.code);
      else if (step.kind === "append") appendFileSync(join(cwd, step.path), step.block.code);
      else if (step.kind === "excerpt") expect(readFileSync(join(cwd, step.path), "utf8"), `${at}: an excerpt of ${step.path}`).toContain(step.block.code);
      else {
        // The one substitution: `npm i -D orchc` installs this repository's package as npm pack ships it.
        const script = step.block.code.replace(/^npm i -D orchc$/m, `npm i -D ${JSON.stringify(tarball)}`);
        const result = spawnSync("bash", ["-euo", "pipefail", "-c", `${script}\npwd > ${JSON.stringify(pwdFile)}`], { cwd, env: env(), encoding: "utf8", timeout: 240_000 });
        transcript.push(`$ ${step.block.code.trim()}\n${result.stdout}${result.stderr}`);
        expect(result.status, `${at}: exit ${result.status}, expected ${step.exit}\n${transcript.join("\n")}`).toBe(step.exit);
        if (step.exit === 0) cwd = readFileSync(pwdFile, "utf8").trim();
      }
    }
    const log = transcript.join("\n");
    // What the page says each step prints or leaves behind.
    expect(log).toContain("orchc: airflow: dags/nightly.py (written)");
    expect(log).toContain("SUCCESS in");
    expect(log).toContain("error ORC401: dags/nightly.py is out of date");
    const git = (args: ReadonlyArray<string>) => spawnSync("git", args, { cwd, env: env(), encoding: "utf8" }).stdout;
    expect(git(["ls-files"]).trim().split("\n")).toEqual([".github/workflows/orchc.yml", ".gitignore", "dags/nightly.py", "package-lock.json", "package.json", "pipeline.ts", "tsconfig.json"]);
    expect(git(["status", "--porcelain"])).toBe("");
    expect(git(["log", "--format=%s"]).trim().split("\n")).toHaveLength(2);
    expect(readFileSync(join(cwd, "dags", "nightly.py"), "utf8")).toContain('task_id="archive"');
  }, 600_000);
});
