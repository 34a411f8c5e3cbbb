import type { ComputeNode } from "./compute-node.js";
import type { NotifyNode } from "./notify-node.js";
import type { ScheduleNode } from "./schedule-node.js";
import type { OverridesNode } from "./task-node.js";
import type { TriggerNode } from "./trigger-node.js";

/** One environment fully resolved: the pipeline's values with the overlay applied. */
export interface EnvironmentNode {
  readonly name: string;
  readonly isDefault: boolean;
  readonly namePrefix: string;
  readonly paused: boolean;
  readonly schedule: ScheduleNode | null;
  readonly trigger: TriggerNode | null;
  /** Param defaults in this environment, in param declaration order. */
  readonly paramValues: ReadonlyArray<{ readonly name: string; readonly value: string | number | boolean | null }>;
  /** Params whose value here is a Databricks bundle reference (`${workspace.current_user.short_name}`), by the path the CLI resolves. */
  readonly paramReferences: ReadonlyArray<{ readonly name: string; readonly databricks: string }>;
  readonly timeoutSeconds: number | null;
  readonly notify: NotifyNode;
  readonly compute: ReadonlyArray<ComputeNode>;
  readonly overrides: OverridesNode;
}
