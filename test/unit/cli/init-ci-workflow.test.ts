// The CI workflow `orchc init` writes, read back as data: the steps it promises, the hardening
// orchc's own workflows have, and nothing from the user inside an expression. GitHub's parser,
// actionlint and zizmor read the same text in test/conformance/github-actions/init-workflow.test.ts.
import { PINNED_ACTIONS } from "@orchc/targets";
import { TARGET_NAMES } from "@orchc/targets/names";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ciWorkflow, CI_NODE_VERSION, CI_WORKFLOW_PATH, SETUP_NODE } from "../../../packages/cli/src/init/ci-workflow.js";
import { DEFAULT_INIT_TARGETS, initTargets } from "../../../packages/cli/src/init/init-targets.js";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, unknown>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, { "runs-on": string; permissions: Record<string, string>; steps: Step[] }>;
}

const workflowFor = (targets: Parameters<typeof ciWorkflow>[0]) => parse(ciWorkflow(targets)) as Workflow;

describe("the CI workflow orchc init writes", () => {
  it("is .github/workflows/orchc.yml", () => {
    expect(CI_WORKFLOW_PATH).toBe(".github/workflows/orchc.yml");
  });

  it("on push and pull_request: checks out, sets up Node, installs, type-checks and checks each target's files", () => {
    const workflow = workflowFor(["airflow", "databricks"]);
    expect(Object.keys(workflow.on)).toEqual(["push", "pull_request"]);
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    expect(steps.map((step) => step.run ?? step.uses?.split("@")[0])).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "npm ci",
      "npx tsc --noEmit",
      "npx orchc build --check -t airflow",
      "npx orchc build --check -t databricks",
    ]);
    expect(steps[1]!.with).toEqual({ "node-version": CI_NODE_VERSION, cache: "npm" });
  });

  it("is hardened: no token permissions but contents: read, credentials not kept, a concurrency group", () => {
    const workflow = workflowFor(["local"]);
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.check!.steps[0]!.with).toEqual({ "persist-credentials": false });
    expect(workflow.concurrency.group).toContain("github.ref");
  });

  it("pins each action by a full commit SHA with its release as a comment, checkout as orchc's own workflows do", () => {
    const text = ciWorkflow(["airflow"]);
    const uses = [...text.matchAll(/uses: (\S+) # (\S+)\n/g)].map((match) => ({ uses: match[1], version: match[2] }));
    expect(uses).toEqual([PINNED_ACTIONS.checkout, SETUP_NODE]);
    for (const action of uses) expect(action.uses).toMatch(/^actions\/[a-z-]+@[0-9a-f]{40}$/);
  });

  it("puts no expression in any script, for every target", () => {
    const workflow = workflowFor([...TARGET_NAMES]);
    const runs = workflow.jobs.check!.steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
    expect(runs).toHaveLength(2 + TARGET_NAMES.length);
    for (const run of runs) expect(run).not.toContain("${{");
  });
});

describe("--target for orchc init", () => {
  it("defaults to airflow", () => {
    expect(initTargets(undefined)).toEqual({ targets: ["airflow"], diagnostics: [] });
    expect(DEFAULT_INIT_TARGETS).toEqual(["airflow"]);
  });

  it("takes repeated and comma-separated names, once each, in the order given", () => {
    expect(initTargets(["databricks,airflow", "databricks", "local"])).toEqual({ targets: ["databricks", "airflow", "local"], diagnostics: [] });
  });

  it("answers an unknown name with ORC303 and a suggestion, and `all` with why not", () => {
    const { diagnostics } = initTargets(["airflw", "all"]);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ["ORC303", "unknown target `airflw`"],
      ["ORC303", "unknown target `all`"],
    ]);
    expect(diagnostics[0]!.hint).toMatch(/^did you mean `airflow`\?; targets: ir, airflow/);
    expect(diagnostics[1]!.hint).toMatch(/^init takes targets by name; /);
  });

  it("refuses databricks with github-actions (ORC702): no starting pipeline builds for both", () => {
    expect(initTargets(["github-actions", "databricks"]).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC702"]);
  });
});
