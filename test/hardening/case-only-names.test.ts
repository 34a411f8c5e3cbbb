// Class: names that differ only in case. GitHub Actions compares inputs, job ids and env names
// ignoring case (actionlint reports `region`/`Region` as duplicate inputs), Windows compares
// environment names so, and files named after ids collide on case-insensitive file systems: params,
// secrets, one task's env names, a pipeline's task ids and a build's pipeline ids are refused,
// located at the second name, on every target.
import { describe, expect, it } from "vitest";
import { build, errorsOf, loadedOf, TARGET_NAMES } from "./spec-build.js";

const shell = (id: string, extra: Record<string, unknown> = {}) => ({ id, action: { kind: "shell", command: "echo" }, ...extra });
const located = (target: (typeof TARGET_NAMES)[number], ...specs: unknown[]) =>
  errorsOf(build(target, loadedOf(...specs)).diagnostics)
    .filter((diagnostic) => diagnostic.code !== "ORC301")
    .map((diagnostic) => [diagnostic.code, diagnostic.subject?.pipelineId, diagnostic.subject?.taskId ?? null, diagnostic.subject?.path ?? null]);

describe.each(TARGET_NAMES)("names differing only in case on %s", (target) => {
  it("params", () => {
    const spec = { id: "p", params: { region: { type: "string", default: "eu" }, Region: { type: "string", default: "us" } }, tasks: [shell("t")] };
    expect(located(target, spec)).toEqual([["ORC115", "p", null, ["params", "Region"]]]);
  });

  it("secrets", () => {
    const spec = { id: "p", secrets: { token: { scope: "s", key: "a", env: "A" }, Token: { scope: "s", key: "b", env: "B" } }, tasks: [shell("t")] };
    expect(located(target, spec)).toEqual([["ORC115", "p", null, ["secrets", "Token"]]]);
  });

  it("environment variables of one task", () => {
    const spec = { id: "p", tasks: [shell("t", { env: { PATH_X: "1", path_x: "2" } }), shell("u", { env: { PATH_X: "3" } })] };
    expect(located(target, spec)).toEqual([["ORC115", "p", "t", ["env", "path_x"]]]);
  });

  it("task ids of one pipeline, and pipeline ids of one build", () => {
    expect(located(target, { id: "p", tasks: [shell("load"), shell("Load")] }).map((entry) => entry[0])).toEqual(["ORC112"]);
    expect(located(target, { id: "daily", tasks: [shell("t")] }, { id: "Daily", tasks: [shell("t")] }).map((entry) => entry[0])).toEqual(["ORC111"]);
  });
});
