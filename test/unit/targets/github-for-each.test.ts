import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile } from "../../../packages/compiler/src/index.js";
import { githubActionsTarget } from "../../../packages/targets/src/index.js";
import { parseGithubWorkflow } from "../../hardening/github-workflow-parser.js";
import { loaded } from "../compiler/lower-helpers.js";

const shell = (id: string, command: unknown, extra: Record<string, unknown> = {}) => ({ id, action: { kind: "shell", command }, ...extra });
const item = { $item: true };
const build = (spec: unknown) => compile({ loaded: loaded(spec), target: githubActionsTarget, environment: null, options: {}, orchcVersion: "test" });
type Job = { if?: string; strategy?: { matrix: { item: unknown }; "max-parallel": number; "fail-fast": boolean }; steps: Array<{ id?: string; env?: Record<string, string>; run?: string }> };
const jobsOf = (spec: unknown): Record<string, Job> => {
  const result = build(spec);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  const text = result.files[0]!.contents;
  expect(parseGithubWorkflow(text).errors).toEqual([]);
  return (parse(text) as { jobs: Record<string, Job> }).jobs;
};
const taskStep = (job: Job) => job.steps.find((step) => step.id === "task")!;

describe("for-each tasks on GitHub Actions", () => {
  it("a written list is the matrix as written, at most `concurrency` at once, none cancelled by another's failure; the item reaches the step's env", () => {
    const jobs = jobsOf({ id: "p", tasks: [shell("t", { $template: ["./t.sh ", item] }, { forEach: { items: ["eu", "${{ github.sha }}", 3], concurrency: 2 }, env: { AT: { $template: ["x-", item] } } })] });
    expect(jobs.t!.strategy).toEqual({ matrix: { item: ["eu", "${{ '${{ github.sha }}' }}", "3"] }, "max-parallel": 2, "fail-fast": false });
    // Never empty (ORC165): no guard in the job's if.
    expect(jobs.t!.if).toBeUndefined();
    expect(taskStep(jobs.t!).env).toEqual({ ORCHC_ITEM: "${{ matrix.item }}", ORCHC_TEXT_0: "x-" });
    expect(taskStep(jobs.t!).run).toContain('export AT="${ORCHC_TEXT_0}${ORCHC_ITEM}"');
  });

  it("an upstream list output: the matrix reads the writer's job output, an empty list skips the job, and an upstream failure runs one iteration that fails as upstream_failed", () => {
    const jobs = jobsOf({ id: "p", tasks: [shell("w", "./w.sh", { outputs: { parts: "list" } }), shell("t", { $template: ["./t.sh ", item] }, { forEach: { items: { $output: { task: "w", name: "parts" } } } })] });
    expect(jobs.t!.strategy!.matrix.item).toBe(`\${{ fromJSON(contains(needs.*.result, 'failure') && '[""]' || needs.w.outputs.parts) }}`);
    expect(jobs.t!.strategy!["max-parallel"]).toBe(1);
    expect(jobs.t!.if).toContain(`&& (contains(needs.*.result, 'failure') || toJSON(fromJSON(needs.w.outputs.parts)) != '[]')`);
    expect(taskStep(jobs.t!).env).toEqual({ ORCHC_ITEM: "${{ matrix.item }}", ORCHC_ITEMS_JSON: `\${{ toJSON(fromJSON(contains(needs.*.result, 'failure') && '[""]' || needs.w.outputs.parts)) }}` });
    expect(taskStep(jobs.t!).run).toContain(`done <<<"\${ORCHC_ITEMS_JSON}"`);
  });

  it("a param list: the input on a manual run, else the default, kept as text (an empty input is not the default)", () => {
    const jobs = jobsOf({ id: "p", params: { days: { type: "string", default: `["it's"]` } }, tasks: [shell("t", { $template: ["./t.sh ", item] }, { forEach: { items: { $param: "days" } } })] });
    const list = `fromJSON(github.event_name == 'workflow_dispatch' && toJSON(inputs.days) || '"[\\"it''s\\"]"')`;
    expect(jobs.t!.strategy!.matrix.item).toBe(`\${{ fromJSON(${list}) }}`);
    expect(jobs.t!.if).toBe(`\${{ toJSON(fromJSON(${list})) != '[]' }}`);
  });

  it("refuses an optional for-each task, a written list longer than a matrix runs and an item too long to keep literal, at the user's line", () => {
    const many = Array.from({ length: 257 }, (_, index) => `i${index}`);
    const long = `\${{ ${"x".repeat(21_000)}`;
    const result = build({
      id: "p",
      tasks: [shell("a", { $template: ["./a.sh ", item] }, { forEach: { items: ["x"] }, optional: true }), shell("b", { $template: ["./b.sh ", item] }, { forEach: { items: many } }), shell("c", { $template: ["./c.sh ", item] }, { forEach: { items: ["ok", long] } })],
    });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error").map((diagnostic) => [diagnostic.code, diagnostic.subject?.taskId, diagnostic.subject?.path?.join(".")])).toEqual([
      ["ORC301", "a", "optional"],
      ["ORC301", "b", "forEach.items"],
      ["ORC320", "c", "forEach.items.1"],
    ]);
  });

  it("every iteration checks the whole list before its command: any item but a string fails it, as toJSON prints the list", () => {
    const jobs = jobsOf({ id: "p", tasks: [shell("w", "./w.sh", { outputs: { parts: "list" } }), shell("t", { $template: ["./t.sh ", item] }, { forEach: { items: { $output: { task: "w", name: "parts" } } } })] });
    const check = taskStep(jobs.t!).run!.split("\n").find((line) => line.includes('done <<<"${ORCHC_ITEMS_JSON}"'))!;
    // GitHub's toJSON and act's (Go's MarshalIndent) print as JSON.stringify(value, null, 2) does.
    const run = (list: unknown) => spawnSync("bash", ["-c", check], { env: { ORCHC_ITEMS_JSON: JSON.stringify(list, null, 2) }, encoding: "utf8" });
    for (const good of [["a"], ["it's \"quoted\"\nline two", "  spaced", "[", "]"], [""]]) expect(run(good).status, JSON.stringify(good)).toBe(0);
    for (const bad of [["a", 1], [true], [null], ["a", { k: "v" }], [["nested"]], [1.5, "b"]]) {
      const result = run(bad);
      expect(result.status, JSON.stringify(bad)).toBe(1);
      expect(result.stdout).toMatch(/^::error::a for-each list must be a JSON array of strings; this one holds [^ ]/m);
    }
  });

  it("reports a param default too long for an expression once, though two tasks iterate over it", () => {
    const long = JSON.stringify(Array.from({ length: 3000 }, (_, index) => `day-${index}`));
    const result = build({ id: "p", params: { days: { type: "string", default: long } }, tasks: ["a", "b"].map((id) => shell(id, { $template: ["./t.sh ", item] }, { forEach: { items: { $param: "days" } } })) });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.code === "ORC320").map((diagnostic) => diagnostic.subject?.path)).toEqual([["params", "days", "default"]]);
  });
});

