// Each trigger rule's conditions on GitHub Actions (the job's `if:` and its upstream_failed step's),
// evaluated for every upstream mix of the truth table (test/semantics/trigger-rule-table.ts), must
// give the task the table's state: the job does not run ⇒ skipped; it runs and its upstream_failed
// step runs ⇒ upstream_failed; else it runs the task. The evaluator implements only the expression
// subset orchc emits, with GitHub's rules: `!cancelled()` is true unless the run was cancelled;
// `needs.<id>.result` is success | failure | skipped, and a job that is upstream_failed fails; an
// optional task's job succeeds (continue-on-error) and exposes its outcome as
// `outputs.orchc_outcome` (nothing GitHub would compare equal to 'success' or 'failure' when the
// job was skipped). The same table runs on act in test/conformance/github-actions/act-trigger-rules.test.ts.
import { describe, expect, it } from "vitest";
import { RUN_IF_RULES, type RunIf } from "@orchc/dsl";
import type { PipelineNode, TaskNode } from "../../../packages/compiler/src/index.js";
import { jobConditions } from "../../../packages/targets/src/github-actions/github-if.js";
import { TARGET_STATES, UPSTREAM_MIXES } from "../../semantics/trigger-rule-table.js";

/** What a need ended as, by the table's codes: s success, f failed, k skipped, u upstream_failed, o optional and failed. */
type Code = "s" | "f" | "k" | "u" | "o";

/** What GitHub reports for a need. A skipped job's output is '' on GitHub, its unevaluated text on act. */
function contextOf(codes: ReadonlyArray<Code>): Record<string, string> {
  const values: Record<string, string> = {};
  codes.forEach((code, index) => {
    const id = `u${index}`;
    values[`needs.${id}.result`] = { s: "success", f: "failure", k: "skipped", u: "failure", o: "success" }[code];
    values[`needs.${id}.outputs.orchc_outcome`] = code === "o" ? "failure" : code === "k" ? "${{ steps.task.outcome }}" : "success";
  });
  return values;
}

/** A recursive-descent evaluator for `!cancelled()`, `contains(needs.*.result, 'x')`, `a == 'x'`, `a != 'x'`, `&&`, `||`, `!( … )`, `!contains(…)`, parentheses. */
function evaluate(expression: string, context: Record<string, string>): boolean {
  const tokens = expression.match(/!cancelled\(\)|contains\(needs\.\*\.result, '[^']*'\)|'[^']*'|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][\w.-]*/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++]!;
  const operand = (): string => {
    const token = next();
    if (token.startsWith("'")) return token.slice(1, -1);
    if (!(token in context)) throw new Error(`unknown context ${token}`);
    return context[token]!;
  };
  const primary = (): boolean => {
    const token = peek();
    if (token === "!cancelled()") return next() !== undefined;
    // GitHub's object filter: the results of every need.
    if (token?.startsWith("contains(")) {
      const wanted = /'([^']*)'/.exec(next())![1];
      return Object.entries(context).some(([key, value]) => /^needs\.[^.]+\.result$/.test(key) && value === wanted);
    }
    if (token === "!") {
      next();
      // GitHub's `!` binds tighter than `==`: orchc must parenthesise what it negates.
      if (peek() !== "(" && !peek()?.startsWith("contains(")) throw new Error("! without parentheses");
      return !primary();
    }
    if (token === "(") {
      next();
      const value = or();
      if (next() !== ")") throw new Error("expected )");
      return value;
    }
    const left = operand();
    const operator = next();
    const right = operand();
    if (operator === "==") return left === right;
    if (operator === "!=") return left !== right;
    throw new Error(`unexpected ${operator}`);
  };
  const and = (): boolean => {
    let value = primary();
    while (peek() === "&&") {
      next();
      value = primary() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (peek() === "||") {
      next();
      value = and() || value;
    }
    return value;
  };
  const result = or();
  if (position !== tokens.length) throw new Error(`unparsed: ${tokens.slice(position).join(" ")}`);
  return result;
}

/** The task's state on GitHub: S ran, K skipped (its job did not run), U upstream_failed (its first step failed it). */
function githubState(rule: RunIf, codes: ReadonlyArray<Code>): "S" | "K" | "U" {
  const needs = codes.map((code, index) => ({ id: `u${index}`, optional: code === "o" }) as unknown as TaskNode);
  const task = { id: "target", dependsOn: needs.map((need) => need.id), runIf: rule } as unknown as TaskNode;
  const conditions = jobConditions({ tasks: [...needs, task] } as unknown as PipelineNode, task, (id) => id, false);
  const context = contextOf(codes);
  if (conditions.job === null || !evaluate(conditions.job, context)) return "K";
  return conditions.upstreamFailed !== null && evaluate(conditions.upstreamFailed, context) ? "U" : "S";
}

describe("GitHub Actions conditions give each task the truth table's state", () => {
  const cases = RUN_IF_RULES.flatMap((rule) => UPSTREAM_MIXES.map((mix, column) => ({ rule, mix, expected: TARGET_STATES[rule].split(/\s+/)[column]! })));
  it.each(cases.map((entry) => [entry.rule, entry.mix, entry] as const))("%s after %s", (_rule, _mix, entry) => {
    expect(githubState(entry.rule, [...entry.mix] as Code[])).toBe(entry.expected);
  });

  it("keeps a 1,000-need fan-in's conditions within GitHub's 21,000-character expression limit", () => {
    const needs = Array.from({ length: 1000 }, (_, index) => ({ id: `extract_source_${index}`, optional: false }));
    for (const rule of RUN_IF_RULES) {
      const task = { id: "join", dependsOn: needs.map((need) => need.id), runIf: rule } as unknown as TaskNode;
      const { job, upstreamFailed } = jobConditions({ tasks: [...needs, task] } as unknown as PipelineNode, task, (id) => id, false);
      expect(Math.max(job!.length, upstreamFailed?.length ?? 0)).toBeLessThan(200);
    }
  });

  it("writes every rule out with !cancelled(), never always() and never GitHub's implicit success()", () => {
    const task = (runIf: RunIf) => ({ id: "d", dependsOn: ["a"], runIf }) as unknown as TaskNode;
    const pipeline = { tasks: [{ id: "a", optional: false }] } as unknown as PipelineNode;
    for (const rule of RUN_IF_RULES) {
      const { job } = jobConditions(pipeline, task(rule), (id) => id, false);
      expect(job).toMatch(/^!cancelled\(\)/);
      expect(job).not.toContain("always()");
    }
    expect(jobConditions(pipeline, { id: "root", dependsOn: [], runIf: "allSuccess" } as unknown as TaskNode, (id) => id, false)).toEqual({ job: null, upstreamFailed: null });
  });
});
