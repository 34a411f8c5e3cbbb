import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderYaml, YamlCommented } from "../../../packages/targets/src/shared/render-yaml.js";

describe("renderYaml: a comment on a collection's key line", () => {
  it("writes the comment after the key, and the collection reads back unchanged", () => {
    const text = renderYaml({ on: { workflow_run: new YamlCommented("zizmor: ignore[dangerous-triggers] why", { workflows: ["a b"], types: ["completed"] }) } });
    expect(text).toBe('"on":\n  workflow_run: # zizmor: ignore[dangerous-triggers] why\n    workflows:\n      - \"a b\"\n    types:\n      - completed\n');
    expect(parse(text)).toEqual({ on: { workflow_run: { workflows: ["a b"], types: ["completed"] } } });
  });

  it("refuses what would change the document: a line break in the comment, an empty collection, a list item", () => {
    expect(() => renderYaml({ a: new YamlCommented("one\ntwo", { b: 1 }) })).toThrow(/comment/);
    expect(() => renderYaml({ a: new YamlCommented("c", {}) })).toThrow(/non-empty/);
    expect(() => renderYaml([new YamlCommented("c", { b: 1 })])).toThrow(/follow the key/);
  });
});
