// Hostile strings as descriptions, param defaults, env values, command text and notebook parameters:
// each target's output is parsed back (YAML, JSON, Python's own parser) and every value arrives
// byte for byte, or the target refuses it with a diagnostic. No value becomes code or a template.
import { compile, lowerToIR, type LoadedPipeline } from "@orchc/compiler";
import { targets, type TargetName } from "@orchc/targets";
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { testSeed } from "../test-seed.js";
import { fieldsOf, jinjaAvailable, renderAirflowModules } from "./airflow-render.js";
import { hostileValues as values, specOf, type Values } from "./hostile-corpus.js";

const RUNS = Number(process.env.HOSTILE_RUNS ?? 300);
const SEED = testSeed("HOSTILE_SEED");

function build(target: TargetName, v: Values) {
  const kind = target === "databricks" ? "notebook" : "shell";
  return compile({ loaded: specOf(v, kind), target: targets[target], environment: null, options: {}, orchcVersion: "0.0.0-test" });
}

const errorsOf = (result: ReturnType<typeof build>) => result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
/** A text holding `${{` is written as one string-literal expression, `${{ '…' }}`, which GitHub reads back as the text. */
const GITHUB_LITERAL = /^\$\{\{ '((?:[^']|'')*)' \}\}$/s;
/** The expressions orchc itself writes, and those literals; any other `${{` is user text that escaped. */
const ORCHC_EXPRESSION = /\$\{\{ (?:'(?:[^']|'')*'|inputs\.p|github\.run_id|github\.event_name|secrets\.[A-Z_]+|steps\.task\.outcome|steps\.upstream_failed\.outcome[^}]*|!?\(?(?:needs|contains\(needs)[^}]*|needs\.[A-Za-z_-]+\.(?:result|outputs\.orchc_outcome)|!cancelled\(\)[^}]*) \}\}/g;

describe(`hostile strings (seed ${SEED}, ${RUNS} cases per target; HOSTILE_SEED=${SEED} replays)`, () => {
  it("github-actions: values arrive through env: exactly, and no `${{` of the user's is evaluated", () => {
    fc.assert(
      fc.property(values, (v) => {
        const result = build("github-actions", v);
        expect(errorsOf(result)).toEqual([]);
        const text = result.files[0]!.contents;
        expect(text.replace(ORCHC_EXPRESSION, "")).not.toContain("${{");
        const workflow = parse(text);
        const unescape = (value: string) => GITHUB_LITERAL.exec(value)?.[1]!.replaceAll("''", "'") ?? value;
        const taskStep = (job: string) => workflow.jobs[job].steps.find((step: { id?: string }) => step.id === "task");
        expect(unescape(taskStep("t").env.E)).toBe(v.envValue);
        expect(unescape(taskStep("t").env.ORCHC_PARAM_p_DEFAULT)).toBe(v.paramDefault);
        // The command is in the job's env, or in the step's when it holds `\${{` (act evaluates a job's env twice).
        expect(unescape(workflow.jobs.literal.env?.ORCHC_COMMAND ?? taskStep("literal").env.ORCHC_COMMAND)).toBe(v.commandText);
        const script = taskStep("t").run as string;
        expect(spawnSync("bash", ["-n"], { input: script }).status).toBe(0);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  // Every string position, judged by the CLI's own pattern: databricks-interpolation.test.ts.
  it("databricks: descriptions and notebook parameters arrive exactly, or a bundle reference (ORC301) or `{{`/`}}` where Jobs reads it (ORC330) is refused", () => {
    fc.assert(
      fc.property(values, (v) => {
        const result = build("databricks", v);
        const errors = errorsOf(result);
        if (errors.length > 0) {
          expect(errors.every((diagnostic) => diagnostic.code === "ORC301" || diagnostic.code === "ORC330")).toBe(true);
          const reference = /\$\{\p{L}/u;
          expect([v.paramDefault, v.description, v.taskDescription].some((text) => reference.test(text)) || [v.notebookParam, v.paramDefault].some((text) => reference.test(text) || /\{\{|\}\}/.test(text))).toBe(true);
          return;
        }
        const job = parse(result.files.find((file) => file.path.endsWith(".job.yml"))!.contents).resources.jobs.hostile;
        const bundle = parse(result.files.find((file) => file.path === "databricks.yml")!.contents);
        expect(job.description).toBe(v.description);
        expect(job.tasks[0].description).toBe(v.taskDescription.slice(0, 1000));
        expect(job.tasks[0].notebook_task.base_parameters).toEqual({ literal: v.notebookParam, fromParam: "{{job.parameters.p}}" });
        expect(bundle.variables.p.default).toBe(v.paramDefault);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("local: the plan embedded in the runner file carries every value exactly", () => {
    fc.assert(
      fc.property(values, (v) => {
        const result = build("local", v);
        expect(errorsOf(result)).toEqual([]);
        const text = result.files[0]!.contents;
        const start = text.indexOf("const ORCHC_PLAN = ") + "const ORCHC_PLAN = ".length;
        const plan = JSON.parse(text.slice(start, text.indexOf(";\n", start)));
        expect(plan.params[0].default).toBe(v.paramDefault);
        expect(JSON.stringify(plan.tasks)).toContain(JSON.stringify(v.envValue).slice(1, -1));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  const scratch = mkdtempSync(join(tmpdir(), "orchc-hostile-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  it("airflow: every DAG file parses as Python, and its literals are the values (read back with ast.literal_eval)", () => {
    const cases = fc.sample(values, { numRuns: RUNS, seed: SEED });
    const expected: Array<{ file: string; description: string; paramDefault: string; taskDescription: string }> = [];
    cases.forEach((v, index) => {
      const result = build("airflow", v);
      expect(errorsOf(result)).toEqual([]);
      const folder = join(scratch, `case-${index}`);
      mkdirSync(folder, { recursive: true });
      const file = join(folder, "dag.py");
      writeFileSync(file, result.files[0]!.contents);
      expected.push({ file, description: v.description, paramDefault: v.paramDefault, taskDescription: v.taskDescription });
    });
    // One Python process reads every file: the DAG's description and the param's default as literals.
    const reader = `
import ast, json, sys
out = []
for path in json.load(sys.stdin):
    tree = ast.parse(open(path, encoding="utf-8").read())
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "DAG":
            for keyword in node.keywords:
                if keyword.arg == "description": found["description"] = ast.literal_eval(keyword.value)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Param":
            found["paramDefault"] = ast.literal_eval(node.args[0])
    out.append(found)
print(json.dumps(out))
`;
    const read = spawnSync("python3", ["-c", reader], { input: JSON.stringify(expected.map((entry) => entry.file)), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(read.status, read.stderr).toBe(0);
    const found = JSON.parse(read.stdout) as Array<{ description?: string; paramDefault?: string }>;
    expect(found).toHaveLength(expected.length);
    found.forEach((entry, index) => {
      expect(entry.description ?? "", expected[index]!.file).toBe(expected[index]!.description);
      expect(entry.paramDefault, expected[index]!.file).toBe(expected[index]!.paramDefault);
    });
    expect(expected).toHaveLength(RUNS);
  });

  it.skipIf(!jinjaAvailable)("airflow: every templated field renders to the value, as Airflow's Jinja renders it (no template, no template file)", () => {
    const cases = fc.sample(values, { numRuns: RUNS, seed: SEED });
    const modules = renderAirflowModules(cases.map((v) => build("airflow", v).files[0]!.contents));
    modules.forEach((module, index) => {
      const v = cases[index]!;
      expect(module.errors).toEqual([]);
      expect(module.template_files).toEqual([]);
      expect(fieldsOf(module, "t").env).toEqual({ E: v.envValue, ORCHC_PARAM_p: v.paramDefault });
      expect(fieldsOf(module, "literal").bash_command).toBe(`set -euo pipefail\n${v.commandText}`);
    });
  });
});

describe("control characters", () => {
  it("NUL, BEL, ESC and DEL are refused with a coded diagnostic wherever text goes; tab and line breaks are not", () => {
    for (const control of ["\u0000", "\u0007", "\u001b", "\u007f"]) {
      const v: Values = { description: `a${control}b`, taskDescription: "t", paramDefault: `d${control}`, envValue: `e${control}`, commandText: `echo ${control}`, notebookParam: "n" };
      const { diagnostics } = lowerToIR(specOf(v, "shell"), null);
      expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC105", "ORC105", "ORC105", "ORC105"]);
      expect(diagnostics.every((diagnostic) => diagnostic.message.includes("control character"))).toBe(true);
    }
    const fine: Values = { description: "a\tb\nc\r\nd", taskDescription: "t", paramDefault: "\t", envValue: "\n", commandText: "echo\tx", notebookParam: "n" };
    expect(lowerToIR(specOf(fine, "shell"), null).diagnostics).toEqual([]);
  });
});

