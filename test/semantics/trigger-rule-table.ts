// The trigger-rule truth table every target must agree with: each runIf rule after each upstream
// outcome (and the mixes that tell the rules apart), in chains of three or four levels, with the
// state every task must end in and the run's status. States and rules are DESIGN.md's "Semantics
// every target must share", read as Airflow 3.3's trigger_rule_dep reads them: upstream_failed
// counts as a failure wherever a failure does, skipped never does. Engine-free: each suite turns a
// case into a pipeline (`pipelineSource`) and runs it on its engine.
import { RUN_IF_RULES, type RunIf } from "../../packages/dsl/src/index.js";

/** How an upstream task ends. `optional_failed`: an optional task that failed. */
export type UpstreamOutcome = "success" | "failed" | "skipped" | "upstream_failed" | "optional_failed";
export type TaskState = "success" | "failed" | "skipped" | "upstream_failed";
export type RunStatus = "SUCCESS" | "PARTIAL" | "FAILED";

export const EXIT_CODES: Readonly<Record<RunStatus, 0 | 1 | 2>> = { SUCCESS: 0, PARTIAL: 1, FAILED: 2 };

export interface SemanticTask {
  readonly id: string;
  readonly after: ReadonlyArray<string>;
  readonly runIf: RunIf;
  readonly optional: boolean;
  /** Its command's exit status when it runs. */
  readonly exitCode: 0 | 1;
}

export interface TriggerRuleCase {
  /** Pipeline id, a valid identifier on every target: `tr_<rule>_<upstream codes>`. */
  readonly name: string;
  readonly rule: RunIf;
  readonly upstream: ReadonlyArray<UpstreamOutcome>;
  /** In dependency order. `target` has the rule under test; `follower` (allSuccess after it) shows what its state means downstream. */
  readonly tasks: ReadonlyArray<SemanticTask>;
  readonly expected: {
    readonly states: Readonly<Record<string, TaskState>>;
    readonly status: RunStatus;
    readonly exitCode: 0 | 1 | 2;
  };
}

const CODES: Readonly<Record<string, UpstreamOutcome>> = { s: "success", f: "failed", k: "skipped", u: "upstream_failed", o: "optional_failed" };

/** Every outcome alone, then the mixes in which the rules differ. */
export const UPSTREAM_MIXES = ["s", "f", "k", "u", "o", "sf", "sk", "fk", "kk", "su", "ku", "fu", "ko"] as const;

/**
 * The rule-under-test task's state, one column per mix above: S success (it ran), K skipped,
 * U upstream_failed. Written out by hand from trigger_rule_dep.py, not computed by any engine.
 */
// prettier-ignore
export const TARGET_STATES: Readonly<Record<RunIf, string>> = {
  //                  s f k u o sf sk fk kk su ku fu ko
  allSuccess:        "S U K U U U  K  U  K  U  U  U  U",
  allDone:           "S S S S S S  S  S  S  S  S  S  S",
  allFailed:         "K S K S S K  K  K  K  K  K  S  K",
  atLeastOneFailed:  "K S K S S S  K  S  K  S  S  S  S",
  atLeastOneSuccess: "S U K U U S  S  U  K  S  U  U  U",
  noneFailed:        "S U S U U U  S  U  S  U  U  U  U",
};

const LETTERS: Readonly<Record<string, TaskState>> = { S: "success", K: "skipped", U: "upstream_failed" };

const task = (id: string, after: ReadonlyArray<string>, runIf: RunIf, exitCode: 0 | 1, optional = false): SemanticTask => ({ id, after, runIf, optional, exitCode });

/** The tasks that make upstream task `id` end as `outcome`, with the states they end in. */
function producer(id: string, outcome: UpstreamOutcome): Array<[SemanticTask, TaskState]> {
  switch (outcome) {
    case "success":
      return [[task(id, [], "allSuccess", 0), "success"]];
    case "failed":
      return [[task(id, [], "allSuccess", 1), "failed"]];
    case "optional_failed":
      return [[task(id, [], "allSuccess", 1, true), "failed"]];
    case "skipped":
      // Its only upstream succeeds, so its own rule (allFailed) says no.
      return [
        [task(`${id}_gate`, [], "allSuccess", 0), "success"],
        [task(id, [`${id}_gate`], "allFailed", 0), "skipped"],
      ];
    case "upstream_failed":
      return [
        [task(`${id}_root`, [], "allSuccess", 1), "failed"],
        [task(id, [`${id}_root`], "allSuccess", 0), "upstream_failed"],
      ];
  }
}

/** DESIGN.md's run status: FAILED if a non-optional task failed or is upstream_failed; else PARTIAL if an optional task failed; else SUCCESS. */
export function runStatusOf(tasks: ReadonlyArray<SemanticTask>, states: Readonly<Record<string, TaskState>>): RunStatus {
  const bad = (state: TaskState | undefined) => state === "failed" || state === "upstream_failed";
  if (tasks.some((entry) => !entry.optional && bad(states[entry.id]))) return "FAILED";
  if (tasks.some((entry) => entry.optional && states[entry.id] === "failed")) return "PARTIAL";
  return "SUCCESS";
}

function caseOf(rule: RunIf, mix: string, column: number): TriggerRuleCase {
  const upstream = [...mix].map((code) => CODES[code]!);
  const made = upstream.flatMap((outcome, index) => producer(`u${index}`, outcome));
  const targetState = LETTERS[TARGET_STATES[rule].split(/\s+/)[column]!]!;
  // allSuccess after the target: success, skipped and upstream_failed each carry over as themselves.
  const tasks = [...made.map(([entry]) => entry), task("target", upstream.map((_outcome, index) => `u${index}`), rule, 0), task("follower", ["target"], "allSuccess", 0)];
  const states = { ...Object.fromEntries(made.map(([entry, state]) => [entry.id, state])), target: targetState, follower: targetState };
  const status = runStatusOf(tasks, states);
  return { name: `tr_${rule}_${mix}`, rule, upstream, tasks, expected: { states, status, exitCode: EXIT_CODES[status] } };
}

/** 6 rules × 13 upstream mixes: 78 pipelines of 4 to 8 tasks. */
export const TRIGGER_RULE_CASES: ReadonlyArray<TriggerRuleCase> = RUN_IF_RULES.flatMap((rule) => UPSTREAM_MIXES.map((mix, column) => caseOf(rule, mix, column)));

/** A `pipeline.ts` exporting each case as a pipeline named after it; a task prints its id and exits with its exit code. */
export function pipelineSource(cases: ReadonlyArray<TriggerRuleCase>, dsl = "orchc"): string {
  const lines = [`import { pipeline, sh } from ${JSON.stringify(dsl)};`, ""];
  for (const entry of cases) {
    lines.push(`export const ${entry.name} = pipeline(${JSON.stringify(entry.name)}, {});`);
    for (const step of entry.tasks) {
      const script = step.exitCode === 0 ? `echo ${step.id} ran` : `echo ${step.id} fails on purpose; exit 1`;
      const after = step.after.length > 0 ? `.after(${step.after.map((id) => `${entry.name}_${id}`).join(", ")})` : "";
      const runIf = step.runIf === "allSuccess" ? "" : `.runIf(${JSON.stringify(step.runIf)})`;
      lines.push(`const ${entry.name}_${step.id} = ${entry.name}.task(${JSON.stringify(step.id)}, sh\`${script}\`)${after}${runIf}${step.optional ? ".optional()" : ""};`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
