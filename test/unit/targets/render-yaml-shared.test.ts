import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderYaml, YamlScalar, YamlShared, type YamlValue } from "../../../packages/targets/src/shared/render-yaml.js";
import { testSeed } from "../../test-seed.js";

// Read back as tools read it: the `yaml` package with its default alias limit, as YAML 1.2 and 1.1.
const readBack = (text: string) => [parse(text), parse(text, { version: "1.1" })];

/** The value with every shared node replaced by its content: what a reader must see. */
function expanded(value: YamlValue): unknown {
  if (value instanceof YamlShared) return expanded(value.value);
  if (value instanceof YamlScalar) return value.value;
  if (Array.isArray(value)) return value.map((item: YamlValue) => expanded(item));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).flatMap(([key, item]) => (item === undefined ? [] : [[key, expanded(item as YamlValue)]])));
  return value;
}

describe("shared nodes: an anchor where a node first stands, aliases after", () => {
  it("anchors a step, a mapping value and a literal block, each on its own line", () => {
    const checkout = new YamlShared("checkout", { uses: "actions/checkout@x", with: { "persist-credentials": false } });
    const script = new YamlShared("script", new YamlScalar("echo a\nexit 1\n", { block: true }));
    const permissions = new YamlShared("permissions", { contents: "read" });
    const job = (name: string) => ({ permissions, steps: [checkout, { name, run: script }] });
    const value = { jobs: { a: job("a"), b: job("b") } };
    const text = renderYaml(value);
    expect(text).toBe(
      [
        "jobs:",
        "  a:",
        "    permissions: &permissions",
        "      contents: read",
        "    steps:",
        "      - &checkout",
        "        uses: actions/checkout@x",
        "        with:",
        "          persist-credentials: false",
        "      - name: a",
        "        run: &script |",
        "          echo a",
        "          exit 1",
        "  b:",
        "    permissions: *permissions",
        "    steps:",
        "      - *checkout",
        "      - name: b",
        "        run: *script",
        "",
      ].join("\n"),
    );
    for (const read of readBack(text)) expect(read).toEqual(expanded(value));
  });

  it("writes a node placed once without an anchor (linters refuse an unused one)", () => {
    const text = renderYaml({ a: new YamlShared("once", { b: 1 }), c: [new YamlShared("item", "x")] });
    expect(text).toBe("a:\n  b: 1\nc:\n  - x\n");
  });

  it("gives two shared nodes of one name distinct anchors", () => {
    const first = new YamlShared("script", "echo one two three");
    const second = new YamlShared("script", "echo four five six");
    const value = [first, second, first, second];
    const text = renderYaml(value);
    expect(text).toBe('- &script "echo one two three"\n- &script_2 "echo four five six"\n- *script\n- *script_2\n');
    for (const read of readBack(text)) expect(read).toEqual(expanded(value));
  });

  it("starts a new anchor after 99 aliases, so readers with the `yaml` package's default limit accept the file", () => {
    const step = new YamlShared("checkout", { uses: "actions/checkout@x" });
    const value = { steps: Array.from({ length: 250 }, () => step) };
    const text = renderYaml(value);
    expect(text.match(/&checkout\S*/g)).toEqual(["&checkout", "&checkout_2", "&checkout_3"]);
    expect(text.match(/\*checkout\n/g)).toHaveLength(99);
    for (const read of readBack(text)) expect(read).toEqual(expanded(value));
    // One more alias and that reader refuses: the limit is real.
    const oneAnchor = `steps:\n  - &a\n    uses: x\n${"  - *a\n".repeat(100)}`;
    expect(parse(oneAnchor.slice(0, -"  - *a\n".length)).steps).toHaveLength(100);
    expect(() => parse(oneAnchor)).toThrow(/alias/i);
  });

  it("refuses an anchor name that is not a plain identifier", () => {
    for (const name of ["", "Upper", "a b", "a,b", "x*", "1x"]) expect(() => new YamlShared(name, "x")).toThrow("anchor name");
  });

  const seed = testSeed("YAML_SHARED_SEED");
  it(`reads back as the expanded value for any placement of shared nodes (YAML_SHARED_SEED=${seed})`, () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const plain = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fc.string({ minLength: 1 }), tie("node"), { maxKeys: 3 })),
    })).node as fc.Arbitrary<Exclude<YamlValue, YamlShared>>;
    fc.assert(
      fc.property(fc.array(plain, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 40 }), (contents, picks) => {
        const shared = contents.map((content, index) => new YamlShared(`node_${index}`, content));
        const value = { items: picks.map((pick) => shared[pick % shared.length]!), map: Object.fromEntries(picks.map((pick, index) => [`k${index}`, shared[pick % shared.length]!])) };
        for (const read of readBack(renderYaml(value))) expect(read).toEqual(expanded(value));
      }),
      { seed, numRuns: 200 },
    );
  });
});
