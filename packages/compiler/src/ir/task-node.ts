import type { ActionNode } from "./action-node.js";
import type { RetryNode } from "./retry-node.js";
import type { NamedValueNode, OutputRefNode, ParamRefNode } from "./value-node.js";
import type { OutputType, RunIf } from "@orchc/dsl";

export type OverridesNode = Readonly<{
  airflow: Readonly<Record<string, unknown>>;
  databricks: Readonly<Record<string, unknown>>;
  githubActions: Readonly<Record<string, unknown>>;
  local: Readonly<Record<string, unknown>>;
}>;

/**
 * A task that runs once per item of a list. The list is fixed (numbers already written as text), a
 * string param holding a JSON array of strings, or a `list` output of a task it runs after.
 */
export interface ForEachNode {
  readonly items: { readonly kind: "static"; readonly values: ReadonlyArray<string> } | ParamRefNode | OutputRefNode;
  /** At most this many iterations at once. */
  readonly concurrency: number;
}

export interface TaskNode {
  readonly id: string;
  readonly description: string | null;
  readonly action: ActionNode;
  /** Ids of the tasks it waits for, in declaration order. */
  readonly dependsOn: ReadonlyArray<string>;
  readonly retry: RetryNode;
  readonly timeoutSeconds: number | null;
  readonly runIf: RunIf;
  readonly optional: boolean;
  readonly env: ReadonlyArray<NamedValueNode>;
  /** What it writes for the tasks after it (`$ORCHC_OUTPUTS/<name>`), in declaration order. */
  readonly outputs: ReadonlyArray<{ readonly name: string; readonly type: OutputType }>;
  /** Runs once per item of a list; null for a task that runs once. */
  readonly forEach: ForEachNode | null;
  readonly workingDir: string | null;
  /** Name of a compute of the pipeline (the pipeline's default compute already applied). */
  readonly compute: string | null;
  readonly group: string | null;
  readonly tags: ReadonlyArray<string>;
  readonly overrides: OverridesNode;
}
