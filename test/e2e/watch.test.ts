// `orchc build --watch` and `orchc validate --watch` as a user runs them: a child process on a temp
// project, edited as an editor would, waited on by polling (never a fixed sleep), ended by Ctrl-C.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, placeOf, runCli, useTempProjects } from "./cli-helpers.js";
import { occurrences, saveByRename, startWatch } from "./watch-helpers.js";

const project = useTempProjects();
const OUTPUT = "ir/watched.ir.json";

const helper = (word: string) => `import { sh } from "orchc";\nexport const helperCommand = sh\`echo ${word}\`;\n`;
const pipelineTs = (word: string) =>
  [
    'import { pipeline, sh } from "orchc";',
    'import { helperCommand } from "./helper.ts";',
    "",
    'const watched = pipeline("watched", {});',
    `const first = watched.task("first", sh\`echo ${word}\`);`,
    'watched.task("second", helperCommand).after(first);',
    "export default watched;",
    "",
  ].join("\n");
const BROKEN = pipelineTs("main-v2").replace("const first =", "const first = =");

describe("orchc build --watch", () => {
  it("rebuilds on every save of the pipeline or a module it imports, survives errors, and stops on Ctrl-C with 0", { timeout: 120_000 }, async () => {
    const cwd = project({ "pipeline.ts": pipelineTs("main-v1"), "helper.ts": helper("helper-v1") });
    const output = join(cwd, OUTPUT);
    const built = () => (existsSync(output) ? readFileSync(output, "utf8") : "");
    const watch = startWatch(["build", "--target", "ir", "--watch"], cwd);
    try {
      await watch.waitFor("the first build", () => watch.stdout().includes("built in"));
      expect(watch.stdout()).toMatch(/^orchc: ir: ir\/watched\.ir\.json \((written|unchanged)\)\norchc: built in \d+ ms; watching 2 files \(Ctrl-C stops\)\n$/);
      expect(built()).toContain("echo main-v1");

      writeFileSync(join(cwd, "pipeline.ts"), pipelineTs("main-v2"));
      await watch.waitFor("the edit in pipeline.ts to be built", () => built().includes("echo main-v2"));
      await watch.waitFor("the rebuild's line", () => watch.stdout().includes("rebuilt in"));
      expect(watch.stdout()).toMatch(/orchc: ir: ir\/watched\.ir\.json \(written\)\norchc: rebuilt in \d+ ms \(pipeline\.ts changed\); watching 2 files/);

      // The syntax error is printed where it is; the previous output stays; the process keeps running.
      const before = built();
      writeFileSync(join(cwd, "pipeline.ts"), BROKEN);
      await watch.waitFor("the syntax error", () => watch.stderr().includes("ORC101"));
      expect(watch.stderr()).toContain(placeOf("pipeline.ts", BROKEN, "= watched.task"));
      expectNoStackTrace(watch.stderr());
      await watch.waitFor("the failure line", () => watch.stdout().includes("orchc: failed (pipeline.ts changed)"));
      expect(watch.running()).toBe(true);
      expect(built()).toBe(before);

      saveByRename(join(cwd, "pipeline.ts"), pipelineTs("main-v3"));
      await watch.waitFor("the fix, saved by a rename over the file", () => built().includes("echo main-v3"));
      await watch.waitFor("the fixed line", () => watch.stdout().includes("orchc: fixed: the previous errors are gone"));

      writeFileSync(join(cwd, "helper.ts"), helper("helper-v2"));
      await watch.waitFor("the edit in the imported helper to be built", () => built().includes("echo helper-v2"));
      await watch.waitFor("the helper's rebuild line", () => watch.stdout().includes("(helper.ts changed)"));

      // A syntax error in the helper: fixing the helper alone must rebuild, though the failed bundle named no imports.
      const rebuilds = occurrences(watch.stdout(), "rebuilt in");
      writeFileSync(join(cwd, "helper.ts"), "export const helperCommand = ;\n");
      await watch.waitFor("the helper's syntax error", () => occurrences(watch.stderr(), "ORC101") === 2);
      expect(watch.stderr()).toContain("helper.ts:1:");
      writeFileSync(join(cwd, "helper.ts"), helper("helper-v3"));
      await watch.waitFor("the helper's fix to be built", () => built().includes("echo helper-v3"));
      await watch.waitFor("the second fixed line", () => occurrences(watch.stdout(), "orchc: fixed") === 2);
      expect(occurrences(watch.stdout(), "rebuilt in")).toBe(rebuilds + 1);
    } finally {
      const code = await watch.stop("SIGINT");
      expect(code).toBe(0);
    }
    expect(watch.stdout()).toMatch(/orchc: stopped watching\n$/);
  });

  it("waits out a save in place caught between its truncate and its write, and reports a file left empty", { timeout: 60_000 }, async () => {
    const cwd = project({ "pipeline.ts": pipelineTs("whole-v1"), "helper.ts": helper("helper") });
    const output = join(cwd, OUTPUT);
    const watch = startWatch(["build", "--target", "ir", "--watch"], cwd);
    try {
      await watch.waitFor("the first build", () => watch.stdout().includes("built in"));
      // As a save in place by a process descheduled between the two calls: empty for 60 ms, then whole.
      writeFileSync(join(cwd, "pipeline.ts"), "");
      await new Promise((resolve) => setTimeout(resolve, 60));
      writeFileSync(join(cwd, "pipeline.ts"), pipelineTs("whole-v2"));
      await watch.waitFor("the whole file to be built", () => readFileSync(output, "utf8").includes("echo whole-v2"));
      expect(watch.stderr()).toBe("");
      expect(watch.stdout()).not.toContain("failed");
      // Left empty on purpose: built after the wait, and its mistake reported.
      writeFileSync(join(cwd, "pipeline.ts"), "");
      await watch.waitFor("the empty file's failure", () => watch.stdout().includes("orchc: failed (pipeline.ts changed)"));
      expect(watch.stderr()).not.toBe("");
    } finally {
      expect(await watch.stop("SIGINT")).toBe(0);
    }
  });

  it("does not rewrite an output a save left unchanged", { timeout: 60_000 }, async () => {
    const cwd = project({ "pipeline.ts": pipelineTs("same"), "helper.ts": helper("same") });
    const watch = startWatch(["build", "--target", "ir", "--watch"], cwd);
    try {
      await watch.waitFor("the first build", () => watch.stdout().includes("built in"));
      // Only a comment changes: the pipeline, and so the file, are the same.
      writeFileSync(join(cwd, "pipeline.ts"), `// a comment\n${pipelineTs("same")}`);
      await watch.waitFor("the rebuild", () => watch.stdout().includes("rebuilt in"));
      expect(watch.stdout()).toContain(`orchc: ir: ${OUTPUT} (unchanged)\norchc: rebuilt in`);
    } finally {
      expect(await watch.stop("SIGTERM")).toBe(0);
    }
  });

  it("reports a function in a spec as `orchc build` does, though the worker cannot post it back", { timeout: 60_000 }, async () => {
    // A function cannot cross from the load worker to the watcher: that build loads in-process, so the checker still sees it.
    const withRetries = (retries: string) =>
      `import { definePipeline } from "orchc";\nexport default definePipeline({ id: "watched", tasks: { first: { action: { kind: "shell", command: "echo hi" }, retries: ${retries} } } });\n`;
    const cwd = project({ "pipeline.ts": withRetries("(() => 2) as never") });
    const once = runCli(["build", "--target", "ir"], { cwd });
    expect(once.stderr).toContain("received function");
    const watch = startWatch(["build", "--target", "ir", "--watch"], cwd);
    try {
      await watch.waitFor("the failure", () => watch.stdout().includes("orchc: failed"));
      expect(watch.stderr()).toBe(once.stderr);
      writeFileSync(join(cwd, "pipeline.ts"), withRetries("{ count: 2 }"));
      await watch.waitFor("the fix to be built", () => watch.stdout().includes("orchc: fixed"));
      expect(readFileSync(join(cwd, OUTPUT), "utf8")).toContain('"count": 2');
    } finally {
      expect(await watch.stop("SIGINT")).toBe(0);
    }
  });

  it("is refused with --check", () => {
    const cwd = project({ "pipeline.ts": pipelineTs("x"), "helper.ts": helper("x") });
    const result = runCli(["build", "--target", "ir", "--watch", "--check"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("orchc: --watch cannot be used with --check: --check compares once (in CI); --watch writes on every save\n");
    expect(existsSync(join(cwd, "ir"))).toBe(false);
  });

  it("says in --help how it ends", () => {
    const result = runCli(["build", "--help"], { cwd: project() });
    expect(result.stdout).toContain("-w, --watch");
    expect(result.stdout).toContain("Ctrl-C stops watching and exits 0");
  });
});

describe("orchc validate --watch", () => {
  it("validates again on a save, reports a mistake while running, says when it is fixed, and stops on Ctrl-C with 0", { timeout: 60_000 }, async () => {
    const cwd = project({ "pipeline.ts": pipelineTs("v1"), "helper.ts": helper("v1") });
    const watch = startWatch(["validate", "--watch"], cwd);
    try {
      await watch.waitFor("the first validation", () => watch.stdout().includes("validated in"));
      expect(watch.stdout()).toMatch(/^orchc: 1 pipeline, 2 tasks: valid\norchc: validated in \d+ ms; watching 2 files/);

      // A second task with the first one's id: a checker mistake, not a syntax error.
      const duplicated = pipelineTs("v2").replace('watched.task("second"', 'watched.task("first"');
      writeFileSync(join(cwd, "pipeline.ts"), duplicated);
      await watch.waitFor("the mistake", () => watch.stdout().includes("orchc: failed (pipeline.ts changed)"));
      expect(watch.stderr()).toMatch(/ORC\d{3}/);
      expect(watch.stderr()).toContain("pipeline.ts:");
      expect(watch.running()).toBe(true);

      writeFileSync(join(cwd, "helper.ts"), helper("v2"));
      await watch.waitFor("a second failure, on the helper's save", () => occurrences(watch.stdout(), "orchc: failed") === 2);

      writeFileSync(join(cwd, "pipeline.ts"), pipelineTs("v3"));
      await watch.waitFor("the fixed line", () => watch.stdout().includes("orchc: fixed: the previous errors are gone"));
      expect(occurrences(watch.stdout(), "orchc: 1 pipeline, 2 tasks: valid")).toBe(2);
    } finally {
      expect(await watch.stop("SIGINT")).toBe(0);
    }
  });
});
