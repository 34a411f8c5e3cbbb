import type { Target } from "@orchc/compiler";
import { renderBundle } from "./databricks-bundle.js";
import { databricksCapabilities } from "./databricks-capabilities.js";
import { checkForDatabricks } from "./databricks-checks.js";
import { databricksOptions, type DatabricksOptions } from "./databricks-options.js";

/** A bundle: databricks.yml (variables, one target per environment) and one job resource per pipeline. */
export const databricksTarget: Target<DatabricksOptions> = {
  name: "databricks",
  description: "a Databricks bundle: databricks.yml + resources/<pipeline>.job.yml, one target per environment",
  capabilities: databricksCapabilities,
  key: "databricks",
  options: databricksOptions,
  outputDirectories: (options) => [".", databricksOptions.parse(options ?? {}).resourcesFolder],
  check: checkForDatabricks,
  emit: (ir, { options }) => renderBundle(ir, options),
};
