import { ITEM_ENV } from "@orchc/dsl";
import { error, type Diagnostic, type ForEachNode, type PipelineNode, type TaskNode } from "@orchc/compiler";
import { CALLED_INPUT } from "./github-call.js";
import { GithubExpression, githubLiteral, githubLiteralProblem, githubStringProblem, type WorkflowValue } from "./github-string.js";

/** GitHub runs at most this many jobs of one matrix ("A matrix will generate a maximum of 256 jobs per workflow run"). */
export const MAX_MATRIX_JOBS = 256;

/** The step env of an iteration whose list is only known at run time: the whole list as GitHub's toJSON prints it, to check every item is a string. */
export const ITEMS_JSON_ENV = "ORCHC_ITEMS_JSON";

/**
 * Fails the iteration, before its command, unless every item of the list is a string, so that a bad
 * list runs no item's command on any iteration (the meaning: the task fails before any iteration).
 * GitHub's toJSON (and act's, Go's MarshalIndent) prints an array one element a line, indented by two
 * spaces: a line of a string item starts with two spaces and a quote, and any other element (a
 * number, a boolean, null, an object or array opening its own lines) does not.
 */
const EVERY_ITEM_A_STRING = `while IFS= read -r orchc_line; do case "\${orchc_line}" in '['|']'|'[]'|'  "'*) ;; *) echo "::error::a for-each list must be a JSON array of strings; this one holds \${orchc_line#"\${orchc_line%%[! ]*}"}"; exit 1 ;; esac; done <<<"\${${ITEMS_JSON_ENV}}"`;

/**
 * Where a for-each task's list comes from as a GitHub expression giving its JSON text: an upstream
 * output as its job wrote it; a param's input on a manual or called run, else its default (a
 * scheduled run has no inputs). The input goes through toJSON and back so that an empty input stays
 * empty (and fails) rather than `||` taking the default in its place.
 */
function listText(items: Exclude<ForEachNode["items"], { kind: "static" }>, pipeline: PipelineNode, called: boolean): string {
  if (items.kind === "output") return `needs.${items.task}.outputs.${items.name}`;
  const param = pipeline.params.find((candidate) => candidate.name === items.name);
  const fallback = githubLiteral(JSON.stringify(param?.default ?? ""));
  // The target's checks refuse a default too long for an expression first.
  if (fallback === null) throw new Error(`github-actions: param \`${items.name}\`'s default reached a for-each matrix unchecked`);
  const dispatched = called ? `(inputs.${CALLED_INPUT} || github.event_name == 'workflow_dispatch')` : "github.event_name == 'workflow_dispatch'";
  return `fromJSON(${dispatched} && toJSON(inputs.${items.name}) || ${fallback})`;
}

export interface ForEachJob {
  /** The job's `strategy`: one job per item, at most `concurrency` at once, none cancelled because another failed. */
  readonly strategy: WorkflowValue;
  /**
   * What the job's `if:` adds: a list empty at run time skips the job, where GitHub would fail a job
   * whose matrix holds nothing. Null for a written list, which is never empty (ORC165).
   */
  readonly nonEmpty: string | null;
  /** The iteration's step env: its item, and for a list known only at run time the whole list as JSON. */
  readonly env: Readonly<Record<string, GithubExpression>>;
  /** Script lines before the first attempt: a list holding anything but strings fails every iteration, unrun. */
  readonly prologue: ReadonlyArray<string>;
}

/**
 * A for-each task as a matrix job. `upstreamFailed` is the condition under which the job runs only to
 * fail as upstream_failed: a list from a writer that did not succeed is then empty text, so the
 * matrix holds one empty item instead, whose iteration fails at that first step like any job's.
 */
export function forEachJob(pipeline: PipelineNode, task: TaskNode, called: boolean, upstreamFailed: string | null): ForEachJob | null {
  const forEach = task.forEach;
  if (forEach === null) return null;
  const strategy = (item: WorkflowValue) => ({ matrix: { item }, "max-parallel": forEach.concurrency, "fail-fast": false });
  const itemEnv = { [ITEM_ENV]: new GithubExpression("matrix.item") };
  if (forEach.items.kind === "static") return { strategy: strategy([...forEach.items.values]), nonEmpty: null, env: itemEnv, prologue: [] };
  const text = listText(forEach.items, pipeline, called);
  // Only a list another job writes is missing when that job did not succeed.
  const writerFailed = forEach.items.kind === "output" ? upstreamFailed : null;
  const guarded = writerFailed === null ? text : `${writerFailed} && '[""]' || ${text}`;
  const nonEmpty = `toJSON(fromJSON(${text})) != '[]'`;
  return {
    strategy: strategy(new GithubExpression(`fromJSON(${guarded})`)),
    nonEmpty: writerFailed === null ? nonEmpty : `(${writerFailed} || ${nonEmpty})`,
    env: { ...itemEnv, [ITEMS_JSON_ENV]: new GithubExpression(`toJSON(fromJSON(${guarded}))`) },
    prologue: [EVERY_ITEM_A_STRING],
  };
}

/** What a matrix cannot carry: more items than GitHub runs, an optional task's outcome, text too long for an expression. */
export function checkForEachJobs(pipeline: PipelineNode, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const checkedParams = new Set<string>();
  for (const task of pipeline.tasks) {
    if (task.forEach === null) continue;
    const subject = (path: Array<string | number>) => ({ file, pipelineId: pipeline.id, taskId: task.id, path });
    const { items } = task.forEach;
    if (items.kind === "static" && items.values.length > MAX_MATRIX_JOBS) {
      diagnostics.push(
        error("ORC301", `task \`${task.id}\` runs once per item of ${items.values.length} items, but a GitHub Actions matrix runs at most ${MAX_MATRIX_JOBS} jobs`, {
          hint: `split the list over several tasks of at most ${MAX_MATRIX_JOBS} items, or build the pipeline for the other targets (\`targets\`)`,
          subject: subject(["forEach", "items"]),
        }),
      );
    }
    if (items.kind === "static") {
      items.values.forEach((value, index) => {
        const problem = githubStringProblem(value);
        if (problem !== null) diagnostics.push(error("ORC320", `task \`${task.id}\`'s for-each item ${index + 1} cannot be written into a GitHub workflow: ${problem}`, { hint: "shorten it, or list keys and read the long text from a file the task reads", subject: subject(["forEach", "items", index]) }));
      });
    }
    if (task.optional) {
      diagnostics.push(
        error("ORC301", `task \`${task.id}\` runs once per item and is optional: a GitHub matrix job has one set of outputs for all its iterations, so orchc cannot hand on whether one failed`, {
          hint: "drop `.optional()` here, or build the pipeline for the other targets (`targets`)",
          subject: subject(["optional"]),
        }),
      );
    }
    if (items.kind === "param" && !checkedParams.has(items.name)) {
      // Said once per param, though several tasks iterate over it.
      checkedParams.add(items.name);
      const fallback = pipeline.params.find((param) => param.name === items.name)?.default;
      const problem = typeof fallback === "string" ? githubLiteralProblem(JSON.stringify(fallback)) : null;
      if (problem !== null) diagnostics.push(error("ORC320", `param \`${items.name}\`'s default cannot be the list of a for-each task on GitHub Actions: ${problem}`, { hint: "shorten it", subject: { file, pipelineId: pipeline.id, path: ["params", items.name, "default"] } }));
    }
  }
  return diagnostics;
}
