import type { AnyTarget } from "@orchc/compiler";
import { airflowTarget } from "./airflow/airflow-target.js";
import { databricksTarget } from "./databricks/databricks-target.js";
import { githubActionsTarget } from "./github-actions/github-target.js";
import { irTarget } from "./ir/ir-target.js";
import { localPlanFor } from "./local/local-plan.js";
import { localTarget } from "./local/local-target.js";

import { TARGET_NAMES, type TargetName } from "./target-names.js";

export { TARGET_NAMES, type TargetName };

/** Every target orchc can build for; adding a name without its target is a type error. */
export const targets = { ir: irTarget, airflow: airflowTarget, databricks: databricksTarget, "github-actions": githubActionsTarget, local: localTarget } as const satisfies Record<TargetName, AnyTarget>;

export function targetNamed(name: string): AnyTarget | undefined {
  return Object.hasOwn(targets, name) ? targets[name as TargetName] : undefined;
}

export { airflowTarget, databricksTarget, githubActionsTarget, irTarget, localTarget, localPlanFor };
// For `orchc init`, which writes the user's own CI workflow with the same serializer and action pins.
export { renderYaml, YamlScalar, type YamlValue } from "./shared/render-yaml.js";
export { PINNED_ACTIONS } from "./github-actions/github-options.js";
