// Databricks' own Python models as a second judge of every generated bundle, independent of the
// JSON Schema: databricks-bundles' strict Job/SqlWarehouse.from_dict must accept each job and
// warehouse (top-level and as each target makes it), and databricks-sdk must keep every field.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type BundleResource, type ResourceKind, bundleResources } from "./bundle-resources.js";
import { generatedBundles } from "./generated-bundle-list.js";
import { type ModelDifference, type ModelVerdict, judgeWithPythonModels, modelVersions, modelsMissingReason, modelsPython } from "./python-models.js";

const python = modelsPython();
if (python === null) console.warn(`[conformance] skipping the Databricks Python model checks: ${modelsMissingReason()}`);

/**
 * Fields the SDK leaves out on purpose, by resource kind and path ([] for any index), with why.
 * Nothing generated today carries them; each is proven an SDK drop by a case below.
 */
const SDK_DROPS_EXPLAINED: Record<ResourceKind, Record<string, string>> = {
  job: {
    permissions: "bundle-only: the CLI sets a job's permissions through the Permissions API, not in JobSettings",
    lifecycle: "bundle-only: a deployment setting (prevent_destroy) the CLI reads and never sends to the Jobs API",
  },
  warehouse: {
    permissions: "bundle-only: the CLI sets a warehouse's permissions through the Permissions API, not in the create call",
    lifecycle: "bundle-only: a deployment setting (prevent_destroy, started) the CLI reads and never sends to the SQL Warehouses API",
  },
};

const absent = (value: unknown): boolean => typeof value === "object" && value !== null && (value as { absent?: unknown }).absent === true;

/** What the models changed or dropped that SDK_DROPS_EXPLAINED does not account for. */
function unexplained(kind: ResourceKind, differences: ReadonlyArray<ModelDifference>): ModelDifference[] {
  return differences.filter((d) => !(d.model.startsWith("databricks-sdk") && absent(d.got) && d.path.replace(/\[\d+\]/g, "[]") in SDK_DROPS_EXPLAINED[kind]));
}

const judgeOne = async (resource: Omit<BundleResource, "variables">): Promise<ModelVerdict> => (await judgeWithPythonModels(python!, [{ variables: {}, ...resource }]))[0]!;

describe.skipIf(python === null)(`generated bundles pass databricks-bundles ${modelVersions["databricks-bundles"]} and databricks-sdk ${modelVersions["databricks-sdk"]}`, () => {
  const resources = generatedBundles.flatMap((bundle) => bundleResources(bundle.directory).map((resource) => ({ ...resource, name: `${bundle.name}: ${resource.name}` })));
  const verdicts = new Map<string, ModelVerdict>();
  beforeAll(async () => {
    for (const verdict of await judgeWithPythonModels(python!, resources)) verdicts.set(verdict.name, verdict);
  }, 60_000);

  it("every bundle has a job to judge", () => {
    for (const bundle of generatedBundles) expect(resources.filter((resource) => resource.name.startsWith(`${bundle.name}: `) && resource.kind === "job"), bundle.name).not.toEqual([]);
  });

  for (const resource of resources) {
    it(resource.name, () => {
      const verdict = verdicts.get(resource.name);
      expect(verdict).toBeDefined();
      expect(verdict!.errors).toEqual([]);
      expect(unexplained(resource.kind, verdict!.differences)).toEqual([]);
    });
  }
});

describe.skipIf(python === null)("the Python model check can fail", () => {
  const lakehouseJob = () =>
    (parse(readFileSync(join(generatedBundles.find((bundle) => bundle.name === "lakehouse/databricks")!.directory, "resources", "golden_lakehouse.job.yml"), "utf8")) as { resources: { jobs: Record<string, { tasks: Array<Record<string, unknown>> }> } })
      .resources.jobs.golden_lakehouse!;

  it("names a bad enum value and a misspelt field, by path, in both models", async () => {
    const job = lakehouseJob();
    const refresh = job.tasks.findIndex((task) => "pipeline_task" in task);
    expect(refresh).toBeGreaterThan(0);
    job.tasks[0]!.run_if = "ALL_SUCCES";
    job.tasks[refresh]!.pipline_task = job.tasks[refresh]!.pipeline_task;
    delete job.tasks[refresh]!.pipeline_task;
    const verdict = await judgeOne({ name: "broken", kind: "job", value: job });
    expect(verdict.errors).toEqual([
      { model: "databricks-bundles Job", path: "tasks[0].run_if", message: "ValueError: 'ALL_SUCCES' is not a valid RunIf" },
      { model: "databricks-bundles Job", path: `tasks[${refresh}]`, message: "ValueError: Unexpected field 'pipline_task' for class Task" },
    ]);
    expect(unexplained("job", verdict.differences).map((d) => `${d.model} ${d.path}`)).toEqual([
      "databricks-sdk JobSettings tasks[0].run_if",
      `databricks-sdk JobSettings tasks[${refresh}].pipline_task`,
    ]);
  });

  it("a scalar of the wrong type is reported as the change the model made to it", async () => {
    const verdict = await judgeOne({ name: "coerced", kind: "job", value: { name: "x", max_concurrent_runs: "1", tasks: [{ task_key: "a", notebook_task: { notebook_path: "n" } }] } });
    expect(verdict.errors).toEqual([]);
    expect(unexplained("job", verdict.differences)).toEqual([{ model: "databricks-bundles Job", path: "max_concurrent_runs", sent: "1", got: 1 }]);
  });

  it("an int field holding ${var.x} is checked with the variable's value", async () => {
    const value = { tasks: [{ task_key: "a", max_retries: "${var.retries}", notebook_task: { notebook_path: "n", base_parameters: { p: "${var.retries}" } } }] };
    const [good, bad] = await judgeWithPythonModels(python!, [
      { name: "good", kind: "job", value, variables: { retries: "2" } },
      { name: "bad", kind: "job", value, variables: { retries: "two" } },
    ]);
    expect(good).toEqual({ name: "good", errors: [], differences: [] });
    expect(bad!.errors).toEqual([{ model: "databricks-bundles Job", path: "tasks[0].max_retries", message: "ValueError: invalid literal for int() with base 10: 'two'" }]);
  });

  it("a looked-up variable stays a reference in a string field and is text in an int field, as the CLI gives it", async () => {
    const value = { tasks: [{ task_key: "a", existing_cluster_id: "${var.shared}", max_retries: "${var.shared}", notebook_task: { notebook_path: "n" } }] };
    const [verdict] = await judgeWithPythonModels(python!, [{ name: "lookup", kind: "job", value, variables: { shared: { lookup: { cluster: "Shared" } } } }]);
    expect(verdict!.errors).toEqual([{ model: "databricks-bundles Job", path: "tasks[0].max_retries", message: "ValueError: invalid literal for int() with base 10: \"id of cluster 'Shared'\"" }]);
  });

  it("each explained SDK drop is one: bundles accepts the field and the SDK drops it", async () => {
    const lifecycle = { prevent_destroy: true };
    const [job, warehouse] = await judgeWithPythonModels(python!, [
      { name: "job", kind: "job", value: { name: "x", lifecycle, permissions: [{ level: "CAN_VIEW", group_name: "users" }] }, variables: {} },
      { name: "warehouse", kind: "warehouse", value: { name: "x", lifecycle, permissions: [{ level: "CAN_USE", group_name: "users" }] }, variables: {} },
    ]);
    for (const [kind, verdict] of [["job", job!], ["warehouse", warehouse!]] as const) {
      expect(verdict.errors).toEqual([]);
      expect(verdict.differences.map((d) => d.path).sort()).toEqual(Object.keys(SDK_DROPS_EXPLAINED[kind]).sort());
      expect(unexplained(kind, verdict.differences)).toEqual([]);
    }
  });

  describe("a target overlay is merged as the CLI merges it", () => {
    let directory = "";
    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), "orchc-overlay-bundle-"));
      mkdirSync(join(directory, "resources"));
      writeFileSync(join(directory, "databricks.yml"), [
        "bundle: {name: overlay}",
        "include: [resources/*.yml]",
        "variables: {retries: {default: '1'}}",
        "targets:",
        "  prod:",
        "    variables: {retries: three}",
        "    resources:",
        "      jobs:",
        "        j:",
        "          tasks: [{task_key: a, run_if: ALL_SUCCES}]",
        "          job_clusters: [{job_cluster_key: c, new_cluster: {num_workers: 2}}]",
        "",
      ].join("\n"));
      writeFileSync(join(directory, "resources", "j.yml"), [
        "resources:",
        "  jobs:",
        "    j:",
        "      job_clusters: [{job_cluster_key: c, new_cluster: {spark_version: 16.4.x-scala2.12}}]",
        "      tasks: [{task_key: a, max_retries: '${var.retries}', notebook_task: {notebook_path: n}}, {task_key: b, notebook_task: {notebook_path: n}}]",
        "",
      ].join("\n"));
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it("tasks and job clusters merge by key, and the target's variables apply", async () => {
      const [top, prod] = bundleResources(directory);
      expect(prod).toEqual({
        name: "targets.prod.jobs.j",
        kind: "job",
        variables: { retries: "three" },
        value: {
          job_clusters: [{ job_cluster_key: "c", new_cluster: { spark_version: "16.4.x-scala2.12", num_workers: 2 } }],
          tasks: [{ task_key: "a", max_retries: "${var.retries}", notebook_task: { notebook_path: "n" }, run_if: "ALL_SUCCES" }, { task_key: "b", notebook_task: { notebook_path: "n" } }],
        },
      });
      const verdicts = await judgeWithPythonModels(python!, [top!, prod!]);
      expect(verdicts[0]!.errors).toEqual([]);
      expect(verdicts[1]!.errors.map((error) => error.path)).toEqual(["tasks[0].max_retries", "tasks[0].run_if"]);
    });
  });
});
