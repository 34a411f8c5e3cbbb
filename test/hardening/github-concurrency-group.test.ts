// Class: a concurrency group shared by workflows that should not share it. Groups are repository-wide;
// `${{ github.workflow }}` is the workflow's display name, so two pipelines with the same name (or an
// unrelated workflow of that name) queued and cancelled each other's runs. The group is now the
// workflow file's path, which a repository cannot hold twice; a pipeline without maxConcurrentRuns
// gets a group per run, i.e. no limit, stated. GitHub's parser reads the groups.
import { compile, type LoadedPipeline } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import { describe, expect, it } from "vitest";
import { parseGithubWorkflow } from "./github-workflow-parser.js";

const pipeline = (id: string, extra: Record<string, unknown>): LoadedPipeline => ({
  file: "/project/pipeline.json",
  projectRoot: "/project",
  exportName: id,
  spec: { id, name: "Nightly ${{ github.workflow }}", tasks: [{ id: "t", action: { kind: "shell", command: "true" } }], ...extra },
});

function concurrencyOf(loaded: LoadedPipeline[], options: Record<string, unknown> = {}) {
  const result = compile({ loaded, target: targets["github-actions"], environment: null, options, orchcVersion: "0.0.0-test" });
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  return result.files.map((file) => {
    const parsed = parseGithubWorkflow(file.contents);
    expect(parsed.errors).toEqual([]);
    return { path: file.path, name: (parsed.value as { name: string }).name, concurrency: (parsed.value as { concurrency: unknown }).concurrency };
  });
}

describe("GitHub Actions: concurrency groups", () => {
  it("two same-named pipelines with maxConcurrentRuns 1 get a group each: their workflow file's path", () => {
    const [a, b] = concurrencyOf([pipeline("nightly_a", { maxConcurrentRuns: 1 }), pipeline("nightly_b", { maxConcurrentRuns: 1 })]);
    expect(a!.name).toBe(b!.name);
    expect(a!.concurrency).toEqual({ group: ".github/workflows/nightly_a.yml", "cancel-in-progress": false });
    expect(b!.concurrency).toEqual({ group: ".github/workflows/nightly_b.yml", "cancel-in-progress": false });
    expect(a!.path).toBe(".github/workflows/nightly_a.yml");
  });

  it("the group follows the workflows folder option", () => {
    const [a] = concurrencyOf([pipeline("nightly_a", { maxConcurrentRuns: 1 })], { workflowsFolder: "ci/.github/workflows" });
    expect(a!.concurrency).toEqual({ group: "ci/.github/workflows/nightly_a.yml", "cancel-in-progress": false });
  });

  it("without maxConcurrentRuns, each run is its own group: runs are not limited, and the workflow says so", () => {
    const [a] = concurrencyOf([pipeline("nightly_a", {})]);
    expect(a!.concurrency).toEqual({ group: { expression: "github.run_id" }, "cancel-in-progress": false });
  });
});
