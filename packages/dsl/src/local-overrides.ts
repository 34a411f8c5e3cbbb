/**
 * What `.local({...})` may set for the local target (a standalone runner file, and `orchc run`).
 * The local target checks the same keys and value types at build time.
 */
// Type aliases, not interfaces: they must fit the JSON record every override is stored as.
export type LocalTaskOverrides = {
  /**
   * Bash text run instead of the task's own command, for any action: the way to run a notebook,
   * sparkPython, lakeflowPipeline or sql task on one machine.
   *
   * @example
   * ```ts
   * .local({ command: "python3 src/silver.py --date \"$ORCHC_PARAM_runDate\"" })
   * ```
   */
  readonly command?: string;
  /**
   * Literal environment variables added after the task's own `env` (a name set in both takes this value).
   *
   * @example
   * ```ts
   * .local({ env: { SPARK_MASTER: "local[2]" } })
   * ```
   */
  readonly env?: { readonly [name: string]: string };
  /**
   * Working directory instead of the task's, relative to where the runner is started.
   *
   * @example
   * ```ts
   * .local({ workingDir: "jobs/local" })
   * ```
   */
  readonly workingDir?: string;
};

/** What `.local({...})` may set on a pipeline, or in an environment's `overrides.local`. */
export type LocalPipelineOverrides = {
  /**
   * How many tasks run at once by default (a positive integer; default: the machine's CPU count).
   *
   * @example
   * ```ts
   * .local({ parallel: 2 })
   * ```
   */
  readonly parallel?: number;
};
