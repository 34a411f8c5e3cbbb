// Runs one `run:` step of a parsed workflow (github-workflow-parser.ts) the way GitHub's runner does
// for `shell: bash`: `bash --noprofile --norc -eo pipefail`, with the workflow's, the job's and the
// step's env (each over the one before, as GitHub merges them), whose expressions (only orchc's:
// github.event_name, inputs and secrets) are evaluated for the event first. That env is applied last,
// over the runner's (GITHUB_EVENT_NAME included): the pessimistic reading.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import type { GithubValue } from "./github-workflow-parser.js";

type Map = { [key: string]: GithubValue };

export const at = (value: GithubValue, ...path: Array<string | number>): GithubValue =>
  path.reduce<GithubValue>((node, key) => (node as Map | GithubValue[])[key as never] as GithubValue, value);

/** A job's step that runs the task (`id: task`), wherever it stands among the job's steps. */
export const taskStep = (workflow: GithubValue, job: string): GithubValue =>
  (at(workflow, "jobs", job, "steps") as GithubValue[]).find((step) => (step as Map).id === "task")!;

export interface StepRun {
  readonly event: "schedule" | "workflow_dispatch";
  /** Workflow-dispatch inputs (empty on other events, as on GitHub). */
  readonly inputs?: Record<string, string>;
  readonly secrets?: Record<string, string>;
  /** The runner's own environment: PATH, HOME, files the test reads back. */
  readonly env: Record<string, string>;
}

export function runGithubStep(workflow: GithubValue, job: string, step: GithubValue, { event, inputs = {}, secrets = {}, env }: StepRun): SpawnSyncReturns<string> {
  const evaluate = (value: GithubValue): string => {
    if (typeof value === "string") return value;
    const expression = (value as { expression: string }).expression;
    if (expression === "github.event_name") return event;
    const secret = /^secrets\.(\w+)$/.exec(expression)?.[1];
    if (secret !== undefined) return secrets[secret] ?? "";
    const input = /^inputs\.(\w+)$/.exec(expression)?.[1];
    if (input !== undefined) return event === "workflow_dispatch" ? (inputs[input] ?? "") : "";
    throw new Error(`step env holds an expression orchc does not write: ${expression}`);
  };
  const envOf = (node: GithubValue) => Object.entries(((node as Map).env ?? {}) as Map);
  const stepEnv = Object.fromEntries([...envOf(workflow), ...envOf(at(workflow, "jobs", job)), ...envOf(step)].map(([name, value]) => [name, evaluate(value)]));
  return spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", at(step, "run") as string], {
    env: { ...env, GITHUB_EVENT_NAME: event, ...stepEnv },
    encoding: "utf8",
  });
}
