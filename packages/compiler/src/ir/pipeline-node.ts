import type { Allowance, TargetKey } from "@orchc/dsl";
import type { ComputeNode } from "./compute-node.js";
import type { EnvironmentNode } from "./environment-node.js";
import type { ArtifactNode } from "./library-node.js";
import type { NotifyNode } from "./notify-node.js";
import type { ParamNode } from "./param-node.js";
import type { ScheduleNode } from "./schedule-node.js";
import type { SecretNode } from "./secret-node.js";
import type { OverridesNode, TaskNode } from "./task-node.js";
import type { TriggerNode } from "./trigger-node.js";

export interface PipelineNode {
  readonly id: string;
  /** Display name (the spec's name, else its id) with the environment's name prefix. */
  readonly name: string;
  /** The display name without any environment's prefix. */
  readonly baseName: string;
  readonly description: string | null;
  readonly owner: string | null;
  readonly tags: ReadonlyArray<string>;
  readonly schedule: ScheduleNode | null;
  /** What else starts a run; never beside a schedule. */
  readonly trigger: TriggerNode | null;
  readonly paused: boolean;
  readonly timeoutSeconds: number | null;
  readonly maxConcurrentRuns: number | null;
  readonly params: ReadonlyArray<ParamNode>;
  readonly secrets: ReadonlyArray<SecretNode>;
  readonly notify: NotifyNode;
  readonly compute: ReadonlyArray<ComputeNode>;
  /** Topological order; declaration order breaks ties. */
  readonly tasks: ReadonlyArray<TaskNode>;
  /** The environment these values were resolved for, or null for the base pipeline. */
  readonly environment: string | null;
  /** Every declared environment, each resolved on its own (targets such as Databricks emit them all). */
  readonly environments: ReadonlyArray<EnvironmentNode>;
  readonly overrides: OverridesNode;
  /** What a Databricks bundle builds before deploying, by key order as declared. */
  readonly artifacts: ReadonlyArray<ArtifactNode>;
  /**
   * The targets the pipeline is built for, each with what it may drop or emulate (feature → choice);
   * null when the pipeline names none: every target, nothing dropped.
   */
  readonly targets: PipelineTargetsNode | null;
  /** Where it was declared: the file relative to the project root, and the export name. */
  readonly source: { readonly file: string; readonly exportName: string };
}

export type PipelineTargetsNode = { readonly [K in TargetKey]?: Readonly<Record<string, Allowance>> };
