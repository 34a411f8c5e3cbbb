/**
 * The targets a pipeline is built for, and what each may do with a feature it cannot express as
 * written: `drop` leaves it out of that target's files, `emulate` builds it from what the engine
 * has. Only the choices listed here exist, so asking a target for anything else is a type error
 * (and, in a JSON or YAML pipeline, a schema error); the compiler's capability tables say what
 * each choice does, and a test keeps the two in step.
 */
export const TARGET_ALLOWANCES = {
  airflow: { "notify.onStart": ["drop"] },
  databricks: { "retry.exponentialBackoff": ["drop"], "retry.maxDelay": ["drop"] },
  githubActions: { "pipeline.timeout": ["emulate", "drop"], "notify.onStart": ["drop"], "notify.onSuccess": ["drop"], "notify.onFailure": ["drop"] },
  local: {},
} as const satisfies Record<string, Record<string, ReadonlyArray<Allowance>>>;

/** What a target may do with a feature it cannot express as written: leave it out (`drop`) or build it from what the engine has (`emulate`). */
export type Allowance = "drop" | "emulate";

/** A key of a pipeline's `targets`: a target's name as the per-target overrides spell it. */
export type TargetKey = keyof typeof TARGET_ALLOWANCES;

// Written out rather than Object.keys(TARGET_ALLOWANCES), a call bundlers keep: the runner file, which
// bundles the DSL, would carry both (test/unit/compiler/capabilities.test.ts keeps the two equal).
/** Every target key, in the order the targets are listed. */
export const TARGET_KEYS: ReadonlyArray<TargetKey> = ["airflow", "databricks", "githubActions", "local"];

type AllowancesOf<Choices> = keyof Choices extends never
  ? { readonly [feature: string]: never }
  : { readonly [F in keyof Choices]?: Choices[F] extends ReadonlyArray<infer Choice> ? Choice : never };

/**
 * `targets: { airflow: {}, githubActions: { "pipeline.timeout": "emulate", "notify.onFailure": "drop" } }`:
 * the pipeline is built for those targets only (`-t all` skips the others), and each may drop or
 * emulate what it names.
 */
export type PipelineTargetsSpec = { readonly [K in TargetKey]?: AllowancesOf<(typeof TARGET_ALLOWANCES)[K]> };
