// Class: bundle variables shared across pipelines. A bundle's variables are global, so two
// pipelines of one build that declare a same-named param must not share one variable: each job's
// parameter must resolve, in every bundle target, to its own pipeline's value.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { build, errorsOf, loadedOf } from "./spec-build.js";

const pipelineWith = (id: string, values: { base: string; dev: string; prod: string }) => ({
  id,
  params: { catalog: { type: "string", default: values.base }, limit: { type: "number", default: 10 } },
  environments: { dev: { default: true, params: { catalog: values.dev } }, prod: { params: { catalog: values.prod } } },
  tasks: [{ id: "t", action: { kind: "notebook", path: "n.py", params: { catalog: { $param: "catalog" } } } }],
});

type Bundle = { variables?: Record<string, { default?: string }>; targets?: Record<string, { variables?: Record<string, string> }> };
type Job = { parameters?: Array<{ name: string; default: string }> };

/** Each job's parameter defaults as the CLI resolves them for one target: the target's value, else the variable's default. */
function resolvedParameters(files: ReadonlyArray<{ path: string; contents: string }>, target: string): Record<string, Record<string, string>> {
  const bundle = parse(files.find((file) => file.path === "databricks.yml")!.contents) as Bundle;
  const resolved: Record<string, Record<string, string>> = {};
  for (const file of files.filter((candidate) => candidate.path.endsWith(".job.yml"))) {
    for (const [key, job] of Object.entries((parse(file.contents) as { resources: { jobs: Record<string, Job> } }).resources.jobs)) {
      resolved[key] = Object.fromEntries(
        (job.parameters ?? []).map((parameter) => {
          const variable = /^\$\{var\.([^}]+)\}$/.exec(parameter.default)![1]!;
          return [parameter.name, bundle.targets?.[target]?.variables?.[variable] ?? bundle.variables![variable]!.default!];
        }),
      );
    }
  }
  return resolved;
}

describe("bundle variables are namespaced per pipeline", () => {
  it("two pipelines' same-named params keep their own defaults and environment values", () => {
    const a = pipelineWith("daily", { base: "a_base", dev: "a_dev", prod: "a_prod" });
    const b = pipelineWith("weekly", { base: "b_base", dev: "b_dev", prod: "b_prod" });
    const result = build("databricks", loadedOf(a, b));
    expect(errorsOf(result.diagnostics)).toEqual([]);
    expect(resolvedParameters(result.files, "dev")).toEqual({ daily: { catalog: "a_dev", limit: "10" }, weekly: { catalog: "b_dev", limit: "10" } });
    expect(resolvedParameters(result.files, "prod")).toEqual({ daily: { catalog: "a_prod", limit: "10" }, weekly: { catalog: "b_prod", limit: "10" } });
  });

  it("a bundle of one pipeline keeps the param's own name", () => {
    const result = build("databricks", loadedOf(pipelineWith("daily", { base: "x", dev: "y", prod: "z" })));
    expect(Object.keys((parse(result.files[0]!.contents) as Bundle).variables!)).toEqual(["catalog", "limit"]);
  });

  it("pipelines that want the same values for a param share its variable under the param's own name", () => {
    const values = { base: "same", dev: "same_dev", prod: "same_prod" };
    const result = build("databricks", loadedOf(pipelineWith("daily", values), pipelineWith("weekly", values)));
    expect(Object.keys((parse(result.files[0]!.contents) as Bundle).variables!)).toEqual(["catalog", "limit"]);
    expect(resolvedParameters(result.files, "prod")).toEqual({ daily: { catalog: "same_prod", limit: "10" }, weekly: { catalog: "same_prod", limit: "10" } });
  });

  it("two params whose namespaced variables would be named alike are refused, located at the second", () => {
    const plain = (id: string, params: Record<string, string>) => ({
      id,
      params: Object.fromEntries(Object.entries(params).map(([name, value]) => [name, { type: "string", default: value }])),
      tasks: [{ id: "t", action: { kind: "notebook", path: "n.py" } }],
    });
    const errors = errorsOf(build("databricks", loadedOf(plain("a", { b__c: "1" }), plain("a__b", { c: "2", b__c: "3" }), plain("z", { c: "4" }))).diagnostics);
    expect(errors.map((diagnostic) => [diagnostic.code, diagnostic.subject?.pipelineId, diagnostic.subject?.path])).toEqual([["ORC301", "a__b", ["params", "c"]]]);
    expect(errors[0]!.message).toBe("param `c` would be bundle variable `a__b__c`, which pipeline `a` also uses");
  });
});
