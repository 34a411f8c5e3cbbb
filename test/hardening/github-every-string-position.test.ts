// Class: expression injection into a GitHub workflow. Hostile text (`${{`, `}}`, quotes, newlines,
// `$(`…, from hostile-corpus.ts) in every string position of a spec, template parts included. The
// workflow is read by GitHub's own parser (github-workflow-parser.ts), which must accept it, find
// exactly the expressions orchc writes for the same spec with harmless text, and read every value
// back byte for byte; the python task's step script is then run by bash as GitHub would run it, and
// its program must receive every argument and env value exactly. The conformance suite lints a
// sample of the same workflows with actionlint and zizmor (test/conformance/github-actions).
import { compile, type LoadedPipeline } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import fc from "fast-check";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GITHUB_POSITIONS_SEED, githubSpecOf, githubTexts, SECRET_VALUE, type GithubTexts } from "./github-positions.js";
import { at, runGithubStep, taskStep } from "./github-step-runner.js";
import { parseGithubWorkflow, type GithubValue } from "./github-workflow-parser.js";

const RUNS = Number(process.env.GITHUB_POSITIONS_RUNS ?? 150);
const SEED = GITHUB_POSITIONS_SEED;

const build = (loaded: LoadedPipeline[], environment: string | null = null) =>
  compile({ loaded, target: targets["github-actions"], environment, options: {}, orchcVersion: "0.0.0-test" });
const errorsOf = (result: ReturnType<typeof build>) => result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");

/** The same spec with harmless text everywhere: the expressions orchc itself writes for it. */
const HARMLESS: GithubTexts = {
  name: "n", description: "d", namePrefix: "x ", paramDefault: "p", paramDescription: "d", choices: ["a", "b"], secretDescription: "d", labels: ["ubuntu-latest"],
  taskDescription: "d", commandParts: ["echo ", ""], command: "echo", workingDir: "w", literalEnv: "v", templateParts: ["a", "b", "c"], script: "s.py", args: ["a", "b"],
};

const work = mkdtempSync(join(tmpdir(), "orchc-github-positions-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// The python task's program: records what it was given.
const bin = join(work, "bin");
mkdirSync(bin);
// NUL-separated: the argument count, the arguments, then the env values (text never holds NUL; it is refused).
writeFileSync(join(bin, "python3"), `#!/bin/sh\nprintf '%s\\0' "$#" "$@" "\${LITERAL-}" "\${MIXED-}" "\${TITLE-}" > "$RECORD"\n`);
chmodSync(join(bin, "python3"), 0o755);

/** Runs the python step as GitHub would, and reads back what its program got. */
function runStep(workflow: GithubValue, job: string, event: "schedule" | "workflow_dispatch", inputs: Record<string, string>) {
  const record = join(work, "record");
  rmSync(record, { force: true });
  const result = runGithubStep(workflow, job, taskStep(workflow, job), { event, inputs, secrets: { TOKEN: SECRET_VALUE }, env: { PATH: `${bin}:${process.env.PATH}`, HOME: work, RECORD: record } });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  const [count, ...rest] = readFileSync(record, "utf8").split("\0").slice(0, -1);
  const argv = rest.slice(0, Number(count));
  const [LITERAL, MIXED, TITLE] = rest.slice(Number(count));
  return { argv, LITERAL, MIXED, TITLE };
}

describe(`GitHub Actions: hostile text in every string position (seed ${SEED}, ${RUNS} cases; GITHUB_POSITIONS_SEED=${SEED} replays)`, () => {
  const baseline = (environment: "prod" | null) => {
    const result = build(githubSpecOf(HARMLESS, environment), environment);
    expect(errorsOf(result)).toEqual([]);
    return parseGithubWorkflow(result.files[0]!.contents).expressions;
  };
  const expected = { prod: baseline("prod"), base: baseline(null) };

  it("GitHub's parser accepts the workflow, evaluates only orchc's expressions, and reads every value back exactly", () => {
    fc.assert(
      fc.property(githubTexts, fc.boolean(), (t, inProd) => {
        const environment = inProd ? "prod" : null;
        const result = build(githubSpecOf(t, environment), environment);
        const errors = errorsOf(result);
        if (errors.length > 0) {
          // Only an empty runner label or choice, or a text too long to keep `${{` literal, is refused: ORC320.
          expect(errors.map((diagnostic) => diagnostic.code)).toEqual(errors.map(() => "ORC320"));
          expect(t.labels.includes("") || t.choices.includes("") || Object.values(t).flat().some((text) => text.length > 20_000)).toBe(true);
          return;
        }
        const parsed = parseGithubWorkflow(result.files[0]!.contents);
        expect(parsed.errors).toEqual([]);
        expect(parsed.expressions).toEqual(inProd ? expected.prod : expected.base);

        const workflow = parsed.value;
        expect(at(workflow, "name")).toBe(`${inProd ? t.namePrefix : ""}${t.name}`);
        const inputs = at(workflow, "on", "workflow_dispatch", "inputs");
        expect(at(inputs, "p", "description")).toBe(t.paramDescription);
        expect(at(inputs, "p", "default")).toBe(t.paramDefault);
        expect(at(inputs, "choice", "options")).toEqual(t.choices);
        expect(at(inputs, "choice", "default")).toBe(t.choices[0]);
        expect(at(workflow, "jobs", "t", "runs-on")).toEqual(t.labels.length === 1 ? t.labels[0] : t.labels);
        const shellStep = taskStep(workflow, "t");
        // An empty one is the default, the workspace: not written.
        expect(at(shellStep, "working-directory") ?? "").toBe(t.workingDir);
        // In the job's env, or the step's when it holds `\${{` (act evaluates a job's env twice).
        const command = (job: string) => at(workflow, "jobs", job, "env")?.["ORCHC_COMMAND" as never] ?? at(taskStep(workflow, job), "env", "ORCHC_COMMAND");
        expect(command("t")).toBe(`${t.commandParts[0]}"\${ORCHC_PARAM_p}"${t.commandParts[1]}`);
        expect(command("literal")).toBe(t.command);

        // The python step, run: its program gets the script, the args and the env exactly.
        const scheduled = runStep(workflow, "py", "schedule", {});
        expect(scheduled).toEqual({
          TITLE: "",
          argv: [t.script, t.args[0], `${t.args[1]}${t.choices[0]}`],
          LITERAL: t.literalEnv,
          MIXED: `${t.templateParts[0]}${t.paramDefault}${t.templateParts[1]}${SECRET_VALUE}${t.templateParts[2]}`,
        });
        const typed = { p: t.templateParts[1], choice: t.choices[t.choices.length - 1]! };
        const dispatched = runStep(workflow, "py", "workflow_dispatch", typed);
        expect(dispatched.MIXED).toBe(`${t.templateParts[0]}${typed.p}${t.templateParts[1]}${SECRET_VALUE}${t.templateParts[2]}`);
        expect(dispatched.argv[2]).toBe(`${t.args[1]}${typed.choice}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("the reported case: a commit message expression in a template's text stays text", () => {
    const loaded: LoadedPipeline[] = [
      {
        file: "/project/pipeline.json",
        projectRoot: "/project",
        exportName: "default",
        spec: {
          id: "report",
          params: { date: { type: "string", default: "today" } },
          tasks: [{ id: "r", action: { kind: "python", script: "r.py" }, env: { TITLE: { $template: ["Report ${{ github.event.head_commit.message }} for ", { $param: "date" }] } } }],
        },
      },
    ];
    const result = build(loaded);
    expect(errorsOf(result)).toEqual([]);
    const parsed = parseGithubWorkflow(result.files[0]!.contents);
    expect(parsed.errors).toEqual([]);
    expect(parsed.expressions).not.toContain("github.event.head_commit.message");
    const run = at(taskStep(parsed.value, "r"), "run") as string;
    expect(run).not.toContain("${{");
    expect(runStep(parsed.value, "r", "schedule", {}).TITLE).toBe("Report ${{ github.event.head_commit.message }} for today");
  });

  it("a runner label that looks like an expression is a label: GitHub reads it as written", () => {
    const result = build(githubSpecOf({ ...HARMLESS, labels: ["${{ inputs.p }}"] }));
    expect(errorsOf(result)).toEqual([]);
    const parsed = parseGithubWorkflow(result.files[0]!.contents);
    expect(parsed.errors).toEqual([]);
    expect(at(parsed.value, "jobs", "t", "runs-on")).toBe("${{ inputs.p }}");
    expect(parsed.expressions).toEqual(expected.base);
  });

  it("overrides are GitHub's own syntax, written as given: the one place a `${{` of the user's is evaluated", () => {
    const spec = githubSpecOf(HARMLESS)[0]!.spec as Record<string, unknown>;
    const result = build([{ ...githubSpecOf(HARMLESS)[0]!, spec: { ...spec, overrides: { githubActions: { "run-name": "Nightly by ${{ github.actor }}", env: { "${{ 'KEY' }}": "v" } } } } }]);
    expect(errorsOf(result)).toEqual([]);
    const parsed = parseGithubWorkflow(result.files[0]!.contents);
    expect(parsed.errors).toEqual([]);
    expect(parsed.expressions).toEqual([...expected.base, "format('Nightly by {0}', github.actor)"]);
  });

  it("a text too long to keep `${{` literal is refused with ORC320 at its place, never written", () => {
    const long = `\${{ github.token }} ${"x".repeat(21_000)}`;
    const result = build(githubSpecOf({ ...HARMLESS, paramDescription: long, command: long }));
    expect(errorsOf(result).map((diagnostic) => [diagnostic.code, diagnostic.subject?.path, diagnostic.subject?.taskId])).toEqual([
      ["ORC320", ["params", "p", "description"], undefined],
      ["ORC320", ["action"], "literal"],
    ]);
    expect(result.files).toEqual([]);
  });
});
