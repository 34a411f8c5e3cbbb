import * as z from "zod";

export const githubActionsOptions = z.strictObject({
  /** Folder, under the output directory, for the workflow files. */
  workflowsFolder: z.string().default(".github/workflows"),
  /** `runs-on` of tasks that name no runner compute. */
  runner: z.string().min(1).default("ubuntu-latest"),
  /** Python for python tasks (actions/setup-python). */
  pythonVersion: z.string().default("3.12"),
});

export type GithubActionsOptions = z.output<typeof githubActionsOptions>;

/** Actions pinned by full commit SHA, with the release they are, so updates are a reviewed change. */
export const PINNED_ACTIONS = {
  checkout: { uses: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", version: "v7.0.1" },
  setupPython: { uses: "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97", version: "v7.0.0" },
} as const;
