// Class: names that are also Object.prototype members. A param, secret, compute, environment, env
// variable or task named `constructor`, `toString`, `__proto__`, `hasOwnProperty` or `valueOf` is
// an ordinary name: declared, it compiles to the same output as any other name on every target;
// undeclared, it is refused as any other unknown name. No lookup reaches Object.prototype.
import { importControlTable } from "@orchc/importers";
import { parseParamArguments, resolveParams } from "../../packages/runner/src/engine/resolve-params.js";
import type { RunPlan } from "@orchc/runner/plan";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build, errorsOf, loadedOf, TARGET_NAMES, useSourceProjects } from "./spec-build.js";

const NAMES = ["constructor", "toString", "hasOwnProperty", "valueOf"] as const;

/** JSON.parse keeps `__proto__` as an own key, as a JSON or YAML pipeline file does. */
const spec = (name: string, target: string): unknown =>
  JSON.parse(
    JSON.stringify({
      id: "proto",
      params: { [name]: { type: "string", default: "P" } },
      secrets: { [name]: { scope: "etl", key: "k", env: "PROTO_SECRET" } },
      compute: { [name]: target === "databricks" ? { kind: "existingCluster", id: "0101-abc" } : { kind: "runner", runsOn: "ubuntu-latest" } },
      environments: { [name]: { params: { [name]: "E" } } },
      tasks: [
        target === "databricks"
          ? { id: name, action: { kind: "notebook", path: "n.py", params: { [name]: { $param: name }, s: { $secret: name } } }, compute: name }
          : { id: name, action: { kind: "shell", command: { $template: ["echo ", { $param: name }] } }, env: { [name]: { $param: name }, SECRET: { $secret: name } }, compute: name },
      ],
    }),
  );

describe("prototype-named names", () => {
  for (const target of TARGET_NAMES) {
    it(`${target}: \`__proto__\` is refused, located, in every position where it is a key`, () => {
      const errors = errorsOf(build(target, loadedOf(spec("__proto__", target))).diagnostics);
      expect(errors.map((diagnostic) => diagnostic.code)).toEqual(["ORC110", "ORC110", "ORC110", "ORC110", "ORC110"]);
      const places = errors.map((diagnostic) => [diagnostic.subject?.taskId, ...(diagnostic.subject?.path ?? [])].filter((part) => part !== undefined).join("."));
      const payload = target === "databricks" ? "action.params.__proto__" : "env.__proto__";
      expect(places.sort()).toEqual(["__proto__." + payload, "compute.__proto__", "environments.__proto__", "params.__proto__", "secrets.__proto__"].sort());
    });

    it.each(NAMES)(`${target}: \`%s\` as param, secret, compute, environment, env and task compiles like any name`, (name) => {
      const result = build(target, loadedOf(spec(name, target)));
      expect(errorsOf(result.diagnostics)).toEqual([]);
      const text = result.files.map((file) => file.contents).join("\n");
      expect(text).not.toContain("function Object()");
      expect(text).not.toContain("[native code]");
      expect(text).not.toContain("[object Object]");
    });

    it.each(NAMES)(`${target}: an undeclared \`%s\` is refused as unknown`, (name) => {
      const loaded = loadedOf({
        id: "proto",
        tasks: [{ id: "t", action: { kind: "shell", command: { $template: ["echo ", { $param: name }, { $secret: name }] } }, compute: name }],
        environments: { dev: { params: { [name]: "x" } } },
      });
      const codes = errorsOf(build(target, loaded).diagnostics).map((diagnostic) => diagnostic.code).sort();
      expect(codes).toEqual(["ORC130", "ORC131", "ORC132", "ORC134"]);
    });
  }
});

describe("prototype-named names outside the compiler", () => {
  const scratch = useSourceProjects();

  it("the runner resolves params named like Object.prototype members to their own values", () => {
    const param = (name: string) => ({ name, type: "string" as const, default: `default of ${name}`, values: null, description: null });
    const plan = { pipeline: { id: "proto" }, params: NAMES.map(param) } as unknown as RunPlan;
    expect(resolveParams(plan, null, parseParamArguments([]))).toEqual(Object.fromEntries(NAMES.map((name) => [name, `default of ${name}`])));
    expect(resolveParams(plan, null, parseParamArguments(["toString=given"])).toString).toBe("given");
    expect(() => resolveParams(plan, null, parseParamArguments(["__proto__=x"]))).toThrow("has no param `__proto__`");
  });

  it("the control-table importer refuses a `__proto__` parameter and a column named `constructor`", async () => {
    const rows: Array<Record<string, unknown>> = [
      { notebook_name: "a", notebook_path: "/a", dependencies: "[]", parameters: '{"__proto__": "x", "constructor": "kept"}', process_group: 1 },
      { notebook_name: "b", notebook_path: "/b", process_group: 1, constructor: 1 },
    ];
    const directory = scratch({ "rows.json": JSON.stringify(rows) });
    const result = await importControlTable({ file: join(directory, "rows.json"), command: "orchc import control-table rows.json" });
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ["ORC607", "row 1 (`a`), column `parameters`: a parameter cannot be named `__proto__`"],
      ["ORC602", "row 2 (`b`) has an unknown column `constructor`"],
    ]);
  });
});
