// Workspace objects by name on Databricks: a lookup variable per object a task uses, whose value in
// each target is that target's own (a lookup, an id, or empty where nothing reads it), so no target
// looks up another workspace's name; and an id that differs by environment in a task field.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile } from "../../../packages/compiler/src/index.js";
import { databricksTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

type Variables = Record<string, unknown>;
type Bundle = { variables?: Variables; targets?: Record<string, { variables?: Variables; resources?: { jobs?: Record<string, { job_clusters?: Array<{ new_cluster: Record<string, unknown> }> }> } }> };
type JobFile = { resources: { jobs: Record<string, { tasks: Array<Record<string, unknown>>; job_clusters?: Array<{ new_cluster: Record<string, unknown> }> }> } };

function build(...specs: unknown[]) {
  const result = compile({ loaded: loaded(...specs), target: databricksTarget, environment: null, options: {}, orchcVersion: "test" });
  const file = (path: string) => result.files.find((candidate) => candidate.path === path)?.contents;
  return {
    errors: result.diagnostics.filter((diagnostic) => diagnostic.severity === "error").map((diagnostic) => `${diagnostic.code} ${diagnostic.subject?.pipelineId} ${diagnostic.subject?.path?.join(".")}: ${diagnostic.message}`),
    bundle: parse(file("databricks.yml") ?? "{}") as Bundle,
    job: (id: string) => parse(file(`resources/${id}.job.yml`)!) as JobFile,
  };
}

const sparkVersion = "15.4.x-scala2.12";
const onCompute = (compute: string) => [{ id: "t", compute, action: { kind: "notebook", path: "src/t.py" } }];

describe("Databricks lookups", () => {
  it("gives a pool only an environment names an empty value elsewhere, so only that target looks it up", () => {
    const { bundle, errors } = build({
      id: "p",
      compute: { etl: { kind: "cluster", sparkVersion, nodeType: "i3.xlarge", workers: 1 } },
      environments: { dev: {}, prod: { compute: { etl: { kind: "cluster", sparkVersion, instancePool: { name: "Prod pool" }, workers: 1 } } } },
      tasks: onCompute("etl"),
    });
    expect(errors).toEqual([]);
    expect(bundle.variables!.p__etl_instance_pool).toEqual({ description: "The instance pool of compute etl (pipeline p): found by name at deploy", default: "" });
    expect(bundle.targets!.prod!.variables).toEqual({ p__etl_instance_pool: { lookup: { instance_pool: "Prod pool" } } });
    expect(bundle.targets!.dev!.variables).toBeUndefined();
    // No node type beside a pool (Databricks refuses both), the node type where there is none.
    expect(bundle.targets!.prod!.resources!.jobs!.p!.job_clusters![0]!.new_cluster).toEqual({ spark_version: sparkVersion, instance_pool_id: "${var.p__etl_instance_pool}", num_workers: 1 });
    expect(bundle.targets!.dev!.resources!.jobs!.p!.job_clusters![0]!.new_cluster).toEqual({ spark_version: sparkVersion, node_type_id: "i3.xlarge", num_workers: 1 });
  });

  it("leaves the top-level lookup to a target another pipeline brings, where this pipeline runs as declared", () => {
    const { bundle, job, errors } = build(
      { id: "a", compute: { shared: { kind: "existingCluster", name: "Shared" } }, environments: { prod: { compute: { shared: { kind: "existingCluster", name: "Shared prod" } } } }, tasks: onCompute("shared") },
      { id: "b", environments: { staging: {} }, tasks: [{ id: "t", action: { kind: "notebook", path: "src/t.py" } }] },
    );
    expect(errors).toEqual([]);
    expect(bundle.variables!.a__shared_cluster).toMatchObject({ lookup: { cluster: "Shared" } });
    expect(bundle.targets!.prod!.variables).toEqual({ a__shared_cluster: { lookup: { cluster: "Shared prod" } } });
    expect(bundle.targets!.staging!.variables).toBeUndefined();
    expect(job("a").resources.jobs.a!.tasks[0]!.existing_cluster_id).toBe("${var.a__shared_cluster}");
  });

  it("writes an id that every environment shares as is, and one that differs through a variable", () => {
    const same = build({ id: "p", compute: { c: { kind: "existingCluster", id: "0101" } }, environments: { dev: {}, prod: {} }, tasks: onCompute("c") });
    expect(same.job("p").resources.jobs.p!.tasks[0]!.existing_cluster_id).toBe("0101");
    expect(same.bundle.variables).toBeUndefined();
    const differs = build({ id: "p", compute: { c: { kind: "existingCluster", id: "0101" } }, environments: { dev: {}, prod: { compute: { c: { kind: "existingCluster", id: "0909" } } } }, tasks: onCompute("c") });
    expect(differs.job("p").resources.jobs.p!.tasks[0]!.existing_cluster_id).toBe("${var.p__c_cluster}");
    expect(differs.bundle.variables!.p__c_cluster).toEqual({ description: "The cluster of compute c (pipeline p): its id in each target", default: "0101" });
    expect(differs.bundle.targets!.prod!.variables).toEqual({ p__c_cluster: "0909" });
  });

  it("declares no variable for a compute no task uses: the CLI would look it up at every deploy", () => {
    const { bundle } = build({ id: "p", compute: { unused: { kind: "warehouse", name: "Nobody's" } }, tasks: [{ id: "t", action: { kind: "notebook", path: "src/t.py" } }] });
    expect(bundle.variables).toBeUndefined();
  });

  it("refuses a variable that two pipelines' compute would share, at the second", () => {
    const { errors } = build(
      { id: "a", compute: { b__c: { kind: "existingCluster", name: "X" } }, tasks: onCompute("b__c") },
      { id: "a__b", compute: { c: { kind: "existingCluster", name: "Y" } }, tasks: onCompute("c") },
    );
    expect(errors).toEqual(["ORC301 a__b compute.c: compute `c` would carry its cluster in bundle variable `a__b__c_cluster`, which compute `b__c` of pipeline `a` also uses"]);
  });
});
