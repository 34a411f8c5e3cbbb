import { PINNED_ACTIONS, renderYaml, YamlScalar, type YamlValue } from "@orchc/targets";
import type { TargetName } from "@orchc/targets/names";

export const CI_WORKFLOW_PATH = ".github/workflows/orchc.yml";

/**
 * Pinned as PINNED_ACTIONS are: a full commit SHA (a tag can be moved to other code), with the
 * release it is as a comment, so an update is a reviewed change.
 */
export const SETUP_NODE = { uses: "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020", version: "v7.0.0" } as const;

/** The Node.js line the user's CI type-checks and builds on: the active LTS. */
export const CI_NODE_VERSION = "24";

const pinned = (action: { readonly uses: string; readonly version: string }) => new YamlScalar(action.uses, { comment: action.version });

/**
 * The user's CI: on every push and pull request, `tsc --noEmit` and `orchc build --check` per
 * target, so a pipeline that no longer type-checks or generated files left stale fail the change.
 * Hardened as orchc's own workflows are: no token permissions but reading the repository, the
 * checkout's credentials not kept on disk, and no `${{ }}` in any script (the target names, the one
 * input, are checked names and stay out of expressions).
 */
export function ciWorkflow(targets: ReadonlyArray<TargetName>): string {
  const workflow: YamlValue = {
    name: "orchc",
    on: { push: {}, pull_request: {} },
    permissions: {},
    // A newer push to the same branch or pull request makes the older run's answer moot.
    concurrency: { group: "orchc-${{ github.ref }}", "cancel-in-progress": true },
    jobs: {
      check: {
        name: "type-check and orchc build --check",
        "runs-on": "ubuntu-latest",
        "timeout-minutes": 15,
        permissions: { contents: "read" },
        steps: [
          { uses: pinned(PINNED_ACTIONS.checkout), with: { "persist-credentials": false } },
          { uses: pinned(SETUP_NODE), with: { "node-version": CI_NODE_VERSION, cache: "npm" } },
          { run: "npm ci" },
          { name: "type-check", run: "npx tsc --noEmit" },
          ...targets.map((target) => ({ name: `generated ${target} files are up to date`, run: `npx orchc build --check -t ${target}` })),
        ],
      },
    },
  };
  return renderYaml(workflow);
}
