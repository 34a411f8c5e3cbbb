import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderYaml, YamlScalar } from "../../../packages/targets/src/shared/render-yaml.js";

const readBack = (text: string) => [parse(text), parse(text, { version: "1.1" })];

describe("annotated scalars: literal blocks and trailing comments", () => {
  it("writes a script as a literal block that reads back identically", () => {
    const script = 'set -e\nif [ "$x" = y ]; then\n  echo "${HOME}" # not a comment\nfi\n';
    const text = renderYaml({ run: new YamlScalar(script, { block: true }) });
    expect(text).toBe('run: |\n  set -e\n  if [ "$x" = y ]; then\n    echo "${HOME}" # not a comment\n  fi\n');
    for (const value of readBack(text)) expect(value).toEqual({ run: script });
  });

  it("falls back to a quoted string when a block would change the text", () => {
    for (const unsafe of [" leading space", "trailing space \nx", "two final newlines\n\n", "tab end\t", "line\u2028separator", "bidi \u202e", ""]) {
      const text = renderYaml({ run: new YamlScalar(unsafe, { block: true }) });
      expect(text.startsWith("run: |")).toBe(false);
      for (const value of readBack(text)) expect(value).toEqual({ run: unsafe });
    }
  });

  it("puts a comment after the value, and refuses one that would break the line", () => {
    const text = renderYaml({ uses: new YamlScalar("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", { comment: "v7.0.1" }) });
    expect(text).toBe("uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n");
    expect(parse(text)).toEqual({ uses: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1" });
    expect(() => renderYaml({ uses: new YamlScalar("x", { comment: "a\nb" }) })).toThrow("line break");
  });

  it("reads back any string identically, block or not (fast-check)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), fc.string({ unit: "binary", maxLength: 40 }), (value, key) => {
        const text = renderYaml({ [key]: new YamlScalar(value, { block: true }), nested: [{ run: new YamlScalar(value, { block: true }) }] });
        for (const read of readBack(text)) expect(read).toEqual({ [key]: value, nested: [{ run: value }] });
      }),
      { numRuns: 2_000 },
    );
  });
});
