import type { OutputType } from "@orchc/dsl";
/**
 * What the runner executes: plain JSON data, embedded in the standalone runner file and built in
 * memory by `orchc run`. Everything is resolved except what only run time knows (param values,
 * secrets, which tasks to run).
 */
export const PLAN_VERSION = 1;

export type RunIfRule = "allSuccess" | "allDone" | "allFailed" | "atLeastOneFailed" | "atLeastOneSuccess" | "noneFailed";

/** A value as parts: text, or a reference resolved when the task starts. */
export type PlanValuePart =
  | { readonly text: string }
  | { readonly param: string }
  | { readonly secret: string }
  | { readonly run: "id" | "date" }
  | { readonly output: { readonly task: string; readonly name: string } }
  /** The item of the for-each iteration (`ORCHC_ITEM`). */
  | { readonly item: true };

/**
 * A task that runs once per item: a written list, or a string param or a `list` output whose value
 * must be a JSON array of strings when the task becomes ready.
 */
export interface PlanForEach {
  readonly items: { readonly values: ReadonlyArray<string> } | { readonly param: string } | { readonly output: { readonly task: string; readonly name: string } };
  /** At most this many iterations at once (within the run's slots). */
  readonly concurrency: number;
}

export type ParamValue = string | number | boolean;

export interface PlanParam {
  readonly name: string;
  readonly type: "string" | "number" | "boolean" | "enum";
  /** Null: the param must be given with `--param`. */
  readonly default: ParamValue | null;
  readonly values: ReadonlyArray<string> | null;
  readonly description: string | null;
}

export interface PlanSecret {
  readonly name: string;
  /** The environment variable the value is read from. */
  readonly env: string;
}

export interface PlanEnvironment {
  readonly name: string;
  readonly isDefault: boolean;
  readonly params: Readonly<Record<string, ParamValue | null>>;
  readonly timeoutSeconds: number | null;
}

export interface PlanRetry {
  /** Retries after the first attempt. */
  readonly count: number;
  readonly delaySeconds: number;
  readonly backoff: "fixed" | "exponential";
  readonly maxDelaySeconds: number | null;
  readonly onTimeout: boolean;
}

export interface PlanTask {
  readonly id: string;
  readonly description: string | null;
  readonly group: string | null;
  /** Bash source; params are read from `ORCHC_PARAM_<name>`, secrets from their own variables. */
  readonly script: string;
  readonly env: ReadonlyArray<{ readonly name: string; readonly value: ReadonlyArray<PlanValuePart> }>;
  /** Relative to the directory the runner is started in. */
  readonly workingDir: string | null;
  readonly dependsOn: ReadonlyArray<string>;
  readonly retry: PlanRetry;
  readonly timeoutSeconds: number | null;
  readonly runIf: RunIfRule;
  readonly optional: boolean;
  /** Names of the secrets the task reads (they must be set before anything runs). */
  readonly secrets: ReadonlyArray<string>;
  /** What it writes for the tasks after it, one file each in `$ORCHC_OUTPUTS`; absent in plans written before outputs. */
  readonly outputs?: ReadonlyArray<{ readonly name: string; readonly type: OutputType }>;
  /** The outputs of other tasks its script and env read (`ORCHC_OUTPUT_<task>_<name>`). */
  readonly reads?: ReadonlyArray<{ readonly task: string; readonly name: string }>;
  /** Runs once per item; absent for a task that runs once. */
  readonly forEach?: PlanForEach;
}

export interface RunPlan {
  readonly version: typeof PLAN_VERSION;
  readonly pipeline: {
    readonly id: string;
    readonly name: string;
    readonly description: string | null;
    /** The pipeline file, relative to its project. */
    readonly source: string;
  };
  /** The environment the plan was resolved for (null: the base values). */
  readonly environment: string | null;
  readonly environments: ReadonlyArray<PlanEnvironment>;
  readonly params: ReadonlyArray<PlanParam>;
  readonly secrets: ReadonlyArray<PlanSecret>;
  /** Topological order. */
  readonly tasks: ReadonlyArray<PlanTask>;
  readonly timeoutSeconds: number | null;
  readonly maxConcurrentRuns: number | null;
  /** Default slot count from `.local({ parallel })`; null: the machine's CPU count. */
  readonly parallel: number | null;
  /** What the pipeline declares that means nothing on one machine, shown before every run. */
  readonly inert: ReadonlyArray<string>;
}
