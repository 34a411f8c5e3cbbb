import type { Target } from "@orchc/compiler";
import { renderYaml } from "../shared/render-yaml.js";
import { githubActionsCapabilities } from "./github-capabilities.js";
import { checkForGithubActions } from "./github-checks.js";
import { githubActionsOptions, type GithubActionsOptions } from "./github-options.js";
import { workflowFor } from "./github-workflow.js";

/** One workflow per pipeline: hardened (no token scopes by default, pinned actions), lint clean. */
export const githubActionsTarget: Target<GithubActionsOptions> = {
  name: "github-actions",
  description: "one GitHub Actions workflow per pipeline (.github/workflows/<pipeline>.yml), a job per task",
  capabilities: githubActionsCapabilities,
  options: githubActionsOptions,
  outputDirectories: (options) => [githubActionsOptions.parse(options ?? {}).workflowsFolder],
  check: checkForGithubActions,
  emit: (ir, { options }) =>
    ir.pipelines.map((pipeline) => ({
      path: `${options.workflowsFolder}/${pipeline.id}.yml`,
      format: "yaml",
      contents: renderYaml(workflowFor(pipeline, options)),
      pipelineIds: [pipeline.id],
    })),
};
