import type { JsonValue } from "./spec.js";

/** What `.githubActions({...})` may set on a task's job, named as the workflow schema names them. */
export type GithubActionsTaskOverrides = {
  /** The runner (labels) the job runs on, instead of the task's `runner(...)` compute. */
  readonly "runs-on"?: string | ReadonlyArray<string>;
  /** The deployment environment the job references (its protection rules and secrets apply). */
  readonly environment?: string | { readonly name: string; readonly url?: string };
  /** The job's own limit, instead of the one orchc writes for a task with a timeout (its attempts and delays). */
  readonly "timeout-minutes"?: number;
  /** The job token's permissions, instead of `contents: read`. */
  readonly permissions?: "read-all" | "write-all" | { readonly [scope: string]: "read" | "write" | "none" };
  /** A container the job's steps run in. */
  readonly container?: string | { readonly [key: string]: JsonValue };
  /** Service containers beside the job (a database for tests, …). */
  readonly services?: { readonly [name: string]: { readonly [key: string]: JsonValue } };
  /** Literal environment variables of the job (a `${{ … }}` here is evaluated by GitHub). */
  readonly env?: { readonly [name: string]: string };
};

/** What `.githubActions({...})` may set on a pipeline's workflow. */
export type GithubActionsPipelineOverrides = {
  /** The name of each workflow run in the UI. */
  readonly "run-name"?: string;
  /** Literal environment variables of every job. */
  readonly env?: { readonly [name: string]: string };
  /** The workflow's concurrency group, instead of the one orchc writes from `maxConcurrentRuns`. */
  readonly concurrency?: string | { readonly group: string; readonly "cancel-in-progress"?: boolean };
};
