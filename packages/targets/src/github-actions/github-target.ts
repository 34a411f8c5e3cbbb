import type { Target } from "@orchc/compiler";
import { renderYaml } from "../shared/render-yaml.js";
import { githubActionsCapabilities } from "./github-capabilities.js";
import { checkForGithubActions } from "./github-checks.js";
import { githubActionsOptions, type GithubActionsOptions } from "./github-options.js";
import { workflowYaml } from "./github-string.js";
import { workflowFor, workflowPath } from "./github-workflow.js";
import { isCalled } from "./github-call.js";

/** One workflow per pipeline: hardened (no token scopes by default, pinned actions), lint clean. */
export const githubActionsTarget: Target<GithubActionsOptions> = {
  name: "github-actions",
  description: "one GitHub Actions workflow per pipeline (.github/workflows/<pipeline>.yml), a job per task",
  capabilities: githubActionsCapabilities,
  key: "githubActions",
  options: githubActionsOptions,
  outputDirectories: (options) => [githubActionsOptions.parse(options ?? {}).workflowsFolder],
  check: checkForGithubActions,
  emit: (ir, { options }) =>
    ir.pipelines.map((pipeline) => {
      // workflow_run names the upstream workflows by their `name:`, which the environment's prefix is part of.
      const workflowNameOf = (id: string) => ir.pipelines.find((candidate) => candidate.id === id)?.name ?? id;
      // Every string of the workflow is escaped here, where it lands, by one function (githubString).
      const { yaml, placements } = workflowYaml(workflowFor(pipeline, options, workflowNameOf, { called: isCalled(ir, pipeline), pipelineOf: (id) => ir.pipelines.find((candidate) => candidate.id === id)! }));
      return { path: workflowPath(pipeline, options), format: "yaml", contents: renderYaml(yaml, { placements }), pipelineIds: [pipeline.id] };
    }),
};
