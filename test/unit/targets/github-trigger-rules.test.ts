// Each trigger rule's `if:` on GitHub Actions, evaluated for every combination of upstream results,
// against what the rule means in orchc. The evaluator implements only the expression subset orchc
// emits, with GitHub's rules: a job whose `if:` has no status function gets an implicit success()
// (every need succeeded; a failed or skipped need skips it); `!cancelled()` is true unless the run
// was cancelled; `needs.<id>.result` is success | failure | cancelled | skipped; an optional task's
// job always succeeds (continue-on-error) and exposes its step's outcome as `outputs.orchc_outcome`
// (empty when the job itself was skipped).
import { describe, expect, it } from "vitest";
import type { RunIf } from "@orchc/dsl";
import { TRIGGER_RULES } from "@orchc/runner";
import type { PipelineNode, TaskNode } from "../../../packages/compiler/src/index.js";
import { jobCondition } from "../../../packages/targets/src/github-actions/github-if.js";

type Outcome = "success" | "failure" | "skipped";
interface Upstream {
  readonly id: string;
  readonly optional: boolean;
  readonly outcome: Outcome;
}

/** What GitHub reports for an upstream job: an optional task's job succeeds even when its step failed. */
function contextOf(upstreams: ReadonlyArray<Upstream>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const upstream of upstreams) {
    values[`needs.${upstream.id}.result`] = upstream.optional && upstream.outcome === "failure" ? "success" : upstream.outcome;
    values[`needs.${upstream.id}.outputs.orchc_outcome`] = upstream.optional && upstream.outcome !== "skipped" ? upstream.outcome : "";
  }
  return values;
}

/** A recursive-descent evaluator for `!cancelled()`, `a == 'x'`, `a != 'x'`, `&&`, `||`, parentheses. */
function evaluate(expression: string, context: Record<string, string>): boolean {
  const tokens = expression.match(/!cancelled\(\)|'[^']*'|==|!=|&&|\|\||\(|\)|[A-Za-z_][\w.-]*/g) ?? [];
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

/** Whether GitHub runs the job. */
function githubRuns(rule: RunIf, upstreams: ReadonlyArray<Upstream>): boolean {
  const tasks = upstreams.map((upstream) => ({ id: upstream.id, optional: upstream.optional }) as unknown as TaskNode);
  const task = { id: "downstream", dependsOn: upstreams.map((upstream) => upstream.id), runIf: rule } as unknown as TaskNode;
  const condition = jobCondition({ tasks: [...tasks, task] } as unknown as PipelineNode, task, (id) => id);
  const context = contextOf(upstreams);
  // No status function: GitHub's implicit success() over the needed jobs' results.
  if (condition === null) return upstreams.every((upstream) => context[`needs.${upstream.id}.result`] === "success");
  return evaluate(condition, context);
}

/** What the rule means in orchc, on every target: the table the local runner executes. */
const ORCHC_RULES: Record<RunIf, (outcomes: ReadonlyArray<Outcome>) => boolean> = TRIGGER_RULES;

const OUTCOMES: Outcome[] = ["success", "failure", "skipped"];
const cases = Object.keys(ORCHC_RULES).flatMap((rule) =>
  [false, true].flatMap((optional) =>
    OUTCOMES.flatMap((first) => OUTCOMES.map((second) => ({ rule: rule as RunIf, upstreams: [{ id: "a", optional, outcome: first }, { id: "b", optional: false, outcome: second }] }))),
  ),
);

describe("GitHub Actions if: conditions mean what orchc's trigger rules mean", () => {
  it.each(cases.map((entry) => [entry.rule, entry.upstreams.map((upstream) => `${upstream.id}${upstream.optional ? " (optional)" : ""}=${upstream.outcome}`).join(", "), entry] as const))(
    "%s with %s",
    (_rule, _label, entry) => {
      expect(githubRuns(entry.rule, entry.upstreams)).toBe(ORCHC_RULES[entry.rule](entry.upstreams.map((upstream) => upstream.outcome)));
    },
  );

  it("uses !cancelled(), never always(), and no status function where GitHub's default is exact", () => {
    const task = (runIf: RunIf) => ({ id: "d", dependsOn: ["a"], runIf }) as unknown as TaskNode;
    const pipeline = { tasks: [{ id: "a", optional: false }] } as unknown as PipelineNode;
    expect(jobCondition(pipeline, task("allSuccess"), (id) => id)).toBeNull();
    expect(jobCondition(pipeline, task("allDone"), (id) => id)).toBe("!cancelled()");
    for (const rule of Object.keys(ORCHC_RULES) as RunIf[]) expect(jobCondition(pipeline, task(rule), (id) => id) ?? "").not.toContain("always()");
  });
});
