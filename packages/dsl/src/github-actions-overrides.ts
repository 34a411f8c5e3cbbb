import type { JsonValue } from "./spec.js";

/** What `.githubActions({...})` may set on a task's job, named as the workflow schema names them. */
export type GithubActionsTaskOverrides = {
  readonly "runs-on"?: string | ReadonlyArray<string>;
  readonly environment?: string | { readonly name: string; readonly url?: string };
  readonly "timeout-minutes"?: number;
  readonly permissions?: "read-all" | "write-all" | { readonly [scope: string]: "read" | "write" | "none" };
  readonly container?: string | { readonly [key: string]: JsonValue };
  readonly services?: { readonly [name: string]: { readonly [key: string]: JsonValue } };
  readonly env?: { readonly [name: string]: string };
};

/** What `.githubActions({...})` may set on a pipeline's workflow. */
export type GithubActionsPipelineOverrides = {
  readonly "run-name"?: string;
  readonly env?: { readonly [name: string]: string };
  readonly concurrency?: string | { readonly group: string; readonly "cancel-in-progress"?: boolean };
};
