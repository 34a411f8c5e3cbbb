import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile, lowerToIR } from "../../../packages/compiler/src/index.js";
import { airflowTarget, databricksTarget } from "../../../packages/targets/src/index.js";
import { loaded } from "../compiler/lower-helpers.js";

const wheel = (id: string, extra: Record<string, unknown> = {}, compute = "python") => ({ id, compute, action: { kind: "pythonWheel", package: "my_project", entryPoint: "main", ...extra } });
const serverless = { python: { kind: "serverless", dependencies: ["requests==2.32.3"] } };
const build = (...specs: unknown[]) => compile({ loaded: loaded(...specs), target: databricksTarget, environment: null, options: {}, orchcVersion: "test" });
const yamlOf = (result: ReturnType<typeof build>, path: string) => parse(result.files.find((file) => file.path === path)!.contents);

describe("python wheel tasks and artifacts", () => {
  it("refuses positional and named parameters together, at the named ones (Databricks takes one)", () => {
    const { diagnostics } = lowerToIR(loaded({ id: "p", compute: serverless, tasks: [wheel("a", { parameters: ["x"], namedParameters: { y: "1" } })] }), null);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.taskId, diagnostic.subject?.path])).toEqual([["ORC105", "a", ["action", "namedParameters"]]]);
  });

  it("puts the libraries of every wheel task on a serverless compute in its environment, each once, after the compute's own", () => {
    const result = build({
      id: "p",
      compute: serverless,
      tasks: [wheel("a", { libraries: [{ whl: "dist/*.whl" }, { pypi: { package: "pandas==2.2.3" } }] }), wheel("b", { libraries: [{ whl: "dist/*.whl" }, { whl: "/Volumes/c/s/v/x.whl" }] })],
    });
    expect(result.diagnostics).toEqual([]);
    const job = yamlOf(result, "resources/p.job.yml").resources.jobs.p;
    expect(job.environments).toEqual([{ environment_key: "python", spec: { environment_version: "4", dependencies: ["requests==2.32.3", "../dist/*.whl", "pandas==2.2.3", "/Volumes/c/s/v/x.whl"] } }]);
    expect(job.tasks.map((task: Record<string, unknown>) => [task.environment_key, task.libraries])).toEqual([
      ["python", undefined],
      ["python", undefined],
    ]);
  });

  it("writes an artifact two pipelines declare alike once, and refuses one key with two meanings where the second says it", () => {
    const artifact = { type: "whl", build: "uv build --wheel", path: "." };
    const pipelineWith = (id: string, build: string) => ({ id, artifacts: { python_artifact: { ...artifact, build } }, compute: serverless, tasks: [wheel("a")] });
    const alike = build(pipelineWith("p", artifact.build), pipelineWith("q", artifact.build));
    expect(alike.diagnostics).toEqual([]);
    expect(yamlOf(alike, "databricks.yml").artifacts).toEqual({ python_artifact: artifact });
    const differing = build(pipelineWith("p", artifact.build), pipelineWith("q", "python -m build --wheel"));
    expect(differing.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.pipelineId, diagnostic.subject?.path])).toEqual([["ORC340", "q", ["artifacts", "python_artifact"]]]);
    expect(differing.files).toEqual([]);
  });

  it("refuses a `${…}` in an artifact's build command, which the CLI would resolve", () => {
    const result = build({ id: "p", artifacts: { a: { type: "whl", build: "make ${bundle.target}" } }, compute: serverless, tasks: [wheel("a")] });
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.path])).toEqual([["ORC301", ["artifacts", "a", "build"]]]);
  });

  it("refuses a wheel task on a warehouse, naming the compute", () => {
    const result = build({ id: "p", compute: { w: { kind: "warehouse", id: "1" } }, tasks: [wheel("a", {}, "w")] });
    expect(result.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`)).toEqual([
      "ORC343 python wheel task `a` runs on warehouse compute `w`, but a wheel runs on a cluster or serverless compute on Databricks",
    ]);
  });

  it("on Airflow, accepts a wheel named by volume path and refuses one in the project, pointing at the library", () => {
    const spec = (path: string) => ({ id: "p", compute: { jobs: { kind: "existingCluster", id: "c" } }, tasks: [wheel("a", { libraries: [{ pypi: { package: "x" } }, { whl: path }] }, "jobs")] });
    const airflow = (path: string) => compile({ loaded: loaded(spec(path)), target: airflowTarget, environment: null, options: {}, orchcVersion: "test" });
    expect(airflow("s3://bucket/x.whl").diagnostics).toEqual([]);
    expect(airflow("dist/x.whl").diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.subject?.path])).toEqual([["ORC342", ["action", "libraries", 1]]]);
  });
});
