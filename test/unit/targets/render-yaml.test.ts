import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { renderYaml, type YamlValue } from "../../../packages/targets/src/shared/render-yaml.js";

// The allowlist renderYaml promises for plain scalars; anything else it writes must be double-quoted.
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./@-]*$/;
// Characters that must never appear raw in the file: non-printable, line breaks to a YAML 1.1 reader,
// a BOM, noncharacters and bidi controls. The tab is allowed raw but never needed, so it is listed too.
const RAW_FORBIDDEN = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]/u;
const VERSIONS = ["1.2", "1.1"] as const;

/** What a YAML reader sees, failing on any error or warning (parse() would only log the warnings). */
function readBack(text: string, version: (typeof VERSIONS)[number], uniqueKeys = true): unknown {
  const doc = parseDocument(text, { version, uniqueKeys });
  expect(doc.errors.map((error) => error.message)).toEqual([]);
  expect(doc.warnings.map((warning) => warning.message)).toEqual([]);
  return doc.toJS();
}

/** The value a reader should get back: undefined map entries are left out. */
function withoutUndefined(value: YamlValue): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, YamlValue | undefined>)) {
      // defineProperty, so a "__proto__" key stays an own key as the reader makes it.
      if (entry !== undefined) Object.defineProperty(out, key, { value: withoutUndefined(entry), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function expectRoundTrip(value: YamlValue): string {
  const text = renderYaml(value);
  expect(text.endsWith("\n")).toBe(true);
  expect(RAW_FORBIDDEN.test(text)).toBe(false);
  const expected = withoutUndefined(value);
  for (const version of VERSIONS) {
    const back = readBack(text, version);
    // toEqual tells strings from numbers and -0 from 0; JSON text also compares the key order.
    expect(back).toEqual(expected);
    expect(JSON.stringify(back)).toBe(JSON.stringify(expected));
  }
  return text;
}

const RESERVED_WORDS = ["y", "Y", "n", "N", "yes", "Yes", "YES", "yEs", "no", "No", "NO", "nO", "on", "On", "ON", "oN", "off", "Off", "OFF", "oFf"];
const LITERAL_WORDS = ["true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "fAlse", "null", "Null", "NULL", "nULL", "~", "-Infinity"];

const HOSTILE: ReadonlyArray<string> = [
  "",
  " ",
  "  leading spaces",
  "trailing spaces  ",
  "\t",
  "tab\tinside",
  '"',
  "'",
  "`",
  '"""',
  "'''",
  `it's "quoted"`,
  "\u201csmart\u201d \u2018quotes\u2019 \u00abguillemets\u00bb",
  "\\",
  "\\n",
  "C:\\path\\to\\file",
  "\\u0041 is not A",
  "\n",
  "line one\nline two",
  "trailing newline\n",
  "\n\nblank lines\n\n",
  "\r",
  "\r\n",
  "cr\ronly",
  " \n indented\n ",
  "{{ var }}",
  "{% if x %}y{% endif %}",
  "{# jinja comment #}",
  "${{ github.event.inputs.name }}",
  "${var.x}",
  "$(whoami)",
  "`id`",
  "$HOME",
  ...RESERVED_WORDS,
  ...LITERAL_WORDS,
  "NaN",
  "Infinity",
  ".nan",
  ".NaN",
  ".inf",
  "-.inf",
  "+.Inf",
  ".INF",
  "=",
  "<<",
  ": ",
  ":",
  "a: b",
  "key:",
  "a:b",
  "a #b",
  " #",
  "#",
  "# comment",
  "a#b",
  "*alias",
  "&anchor",
  "!tag",
  "!!str",
  "%YAML 1.2",
  "@at",
  "|",
  "|-",
  ">",
  ">+",
  "?",
  "? x",
  "-",
  "- x",
  "--",
  "---",
  "...",
  "[",
  "]",
  "[a, b]",
  "{",
  "}",
  "{a: 1}",
  ",",
  ",x",
  "0",
  "1",
  "-1",
  "+1",
  "1.0",
  "1.",
  ".5",
  "-.5",
  "e0", "E5", "e-0", "E+5", "1e3",
  "1E3",
  "1e+3",
  "-1e-3",
  "0x1F",
  "0X1f",
  "0o17",
  "017",
  "08",
  "0b101",
  "1_000",
  "1_000.5",
  "+",
  "1:30",
  "12:30",
  "190:20:30",
  "2024-01-01",
  "2024-01-01T12:30:00Z",
  "2001-12-14 21:59:43.10 -5",
  "1e400",
  "x".repeat(100_000),
  `${"long plain_".repeat(200)}`,
  "a".repeat(1024),
  "a".repeat(1025),
  "\u2028".repeat(300),
  "\u202eevil\u202c",
  "\u2066isolate\u2069 \u200e\u200f\u061c",
  "\u0645\u0631\u062d\u0628\u0627",
  "emoji \u{1f600} family \u{1f468}\u200d\u{1f469}\u200d\u{1f467}",
  "\u2028",
  "\u2029",
  "\u0085",
  "\ufeff",
  "\ufeffbom first",
  "\u0000",
  "nul\u0000inside",
  "\u0001\u0007\u0008\u000b\u000c\u001b\u001f",
  "\u007f",
  "\u0080\u009f",
  "\ud800",
  "\udfff",
  "x\ud83d",
  "\ud83dx",
  "\ude00\ud83d",
  "\ufffe\uffff",
  "\u00a0nbsp",
  "zero\u200bwidth",
];

// Not special to any YAML resolver (only `.nan` and `.inf` are), so these stay plain too.
const PLAIN_KEPT = ["NaN", "nan", "Infinity", "inf", "None", "ubuntu-latest", "actions/checkout@v4", "a.b", "_", "x", "on_push", "yes_no", "nullable", "true_", "o", "yess", "Nope", "job_00001", "a-"];

describe("renderYaml: layout", () => {
  it("writes a nested document in block style with 2-space indentation", () => {
    const value: YamlValue = {
      name: "ci",
      on: { push: { branches: ["main", "release/*"] }, workflow_dispatch: {} },
      jobs: {
        build: {
          "runs-on": "ubuntu-latest",
          needs: [],
          "timeout-minutes": 30,
          "continue-on-error": false,
          env: { MODE: "on", EMPTY: "", SKIPPED: undefined },
          steps: [{ uses: "actions/checkout@v4" }, { name: "Test", run: "npm test\nnpm run lint", with: {} }],
          matrix: [[1, 2.5], [], [{ a: null, b: [true] }, {}]],
        },
      },
    };
    expect(renderYaml(value)).toBe(
      [
        "name: ci",
        '"on":',
        "  push:",
        "    branches:",
        "      - main",
        '      - "release/*"',
        "  workflow_dispatch: {}",
        "jobs:",
        "  build:",
        "    runs-on: ubuntu-latest",
        "    needs: []",
        "    timeout-minutes: 30",
        "    continue-on-error: false",
        "    env:",
        '      MODE: "on"',
        '      EMPTY: ""',
        "    steps:",
        "      - uses: actions/checkout@v4",
        "      - name: Test",
        '        run: "npm test\\nnpm run lint"',
        "        with: {}",
        "    matrix:",
        "      - - 1",
        "        - 2.5",
        "      - []",
        "      - - a: null",
        "          b:",
        "            - true",
        "        - {}",
        "",
      ].join("\n"),
    );
    expectRoundTrip(value);
  });

  it("writes top-level scalars and empty collections on one line", () => {
    expect(renderYaml("x")).toBe("x\n");
    expect(renderYaml("on")).toBe('"on"\n');
    expect(renderYaml(null)).toBe("null\n");
    expect(renderYaml(7)).toBe("7\n");
    expect(renderYaml([])).toBe("[]\n");
    expect(renderYaml({})).toBe("{}\n");
    expect(renderYaml({ only: undefined })).toBe("{}\n");
    expect(renderYaml([[[]], [{ a: [] }]])).toBe("- - []\n- - a: []\n");
  });

  it("keeps the object's key order and leaves out undefined values", () => {
    expect(renderYaml({ z: 1, a: undefined, m: 2, b: 3 })).toBe("z: 1\nm: 2\nb: 3\n");
  });

  it("writes leading comment lines and refuses ones that could break out of the comment", () => {
    expect(renderYaml({ a: 1 }, { comments: ["yaml-language-server: $schema=./schema.json", ""] })).toBe(
      "# yaml-language-server: $schema=./schema.json\n#\na: 1\n",
    );
    for (const bad of ["a\nb", "a\rb", "a\u0085b", "a\u2028b", "a\u2029b", "\u202eb", "\ufeff", "a\u0000", "\ud800"]) {
      expect(() => renderYaml({ a: 1 }, { comments: [bad] })).toThrow(/comment/);
    }
  });

  it("is deterministic", () => {
    const value: YamlValue = { b: [1, { c: "x y" }], a: "on" };
    expect(renderYaml(value)).toBe(renderYaml(structuredClone(value)));
  });
});

describe("renderYaml: scalars", () => {
  it("keeps allowlisted strings plain and quotes YAML 1.1 and 1.2 special words in any case", () => {
    for (const word of PLAIN_KEPT) expect(renderYaml(word)).toBe(`${word}\n`);
    for (const word of [...RESERVED_WORDS, ...LITERAL_WORDS]) expect(renderYaml(word)).toBe(`${JSON.stringify(word)}\n`);
    expect(renderYaml({ on: { push: {} } })).toBe('"on":\n  push: {}\n');
  });

  it("writes a string plain only when it is in the allowlist, and then unchanged", () => {
    for (const text of [...HOSTILE, ...PLAIN_KEPT]) {
      const written = renderYaml(text).slice(0, -1);
      if (written.startsWith('"')) continue;
      expect(written).toMatch(PLAIN);
      expect(written).toBe(text);
    }
  });

  it("escapes characters JSON leaves raw but YAML must not have raw", () => {
    expect(renderYaml("a\u2028b\u2029c\u0085d\ufeffe\u007ff\u202eg")).toBe('"a\\u2028b\\u2029c\\u0085d\\ufeffe\\u007ff\\u202eg"\n');
    expect(renderYaml("\u0000\t\n\r\ud800")).toBe('"\\u0000\\t\\n\\r\\ud800"\n');
  });

  it("writes numbers so both YAML versions read the same number back", () => {
    expect(renderYaml([0, -0, 1, -1, 0.5, 1e21, 1e-7, -2.5e-300])).toBe("- 0\n- -0.0\n- 1\n- -1\n- 0.5\n- 1.0e+21\n- 1.0e-7\n- -2.5e-300\n");
    expectRoundTrip([0, -0, 1, -1, 0.5, 0.1, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 123456789012345680000, -1.5e-300]);
  });

  it("refuses values YAML readers disagree on or that are not data", () => {
    expect(() => renderYaml(Number.NaN)).toThrow(/NaN/);
    expect(() => renderYaml({ a: Number.POSITIVE_INFINITY })).toThrow(/Infinity/);
    expect(() => renderYaml([Number.NEGATIVE_INFINITY])).toThrow(/Infinity/);
    expect(() => renderYaml([1, undefined as unknown as YamlValue])).toThrow(/list item 1 is undefined/);
    expect(() => renderYaml({ when: new Date(0) as unknown as YamlValue })).toThrow(/Date/);
    expect(() => renderYaml(new Map() as unknown as YamlValue)).toThrow(/Map/);
    expect(() => renderYaml(1n as unknown as YamlValue)).toThrow(/bigint/);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = [cyclic];
    expect(() => renderYaml(cyclic as YamlValue)).toThrow(/contains itself/);
  });

  it("allows the same value twice when it does not contain itself", () => {
    const shared = { a: [1] };
    expectRoundTrip({ x: shared, y: [shared, shared] });
  });
});

describe("renderYaml: hostile strings read back identically (YAML 1.2 and 1.1)", () => {
  it.each(HOSTILE.map((text, index) => [index, text.length > 40 ? `${JSON.stringify(text.slice(0, 40))}…` : JSON.stringify(text), text] as const))(
    "#%i %s as a value, a key and a list item",
    (_index, _label, text) => {
      expectRoundTrip(text);
      expectRoundTrip([text, [text], { [text]: text }]);
      expectRoundTrip({ [text]: text, nested: { [text]: [text, { [text]: { [text]: [] } }] } });
      expectRoundTrip([{ [text]: { [text]: 1 }, after: text }]);
    },
  );

  it("all at once, as keys of one map and items of one list", () => {
    expectRoundTrip(Object.fromEntries(HOSTILE.map((text, index) => [text, index])));
    expectRoundTrip(Object.fromEntries(HOSTILE.map((text) => [text, text])));
    expectRoundTrip(HOSTILE);
  });

  it("writes keys past YAML's 1024-character implicit-key limit as explicit keys", () => {
    const fits = "k".repeat(1024);
    const long = "k".repeat(1025);
    expect(renderYaml({ [fits]: 1 })).toBe(`${fits}: 1\n`);
    expect(renderYaml({ [long]: 1 })).toBe(`? ${long}\n: 1\n`);
    expect(renderYaml([{ [long]: { a: [1] }, b: 2 }])).toBe(`- ? ${long}\n  :\n    a:\n      - 1\n  b: 2\n`);
    // Quoting and escapes count toward the limit: 171 line separators take 1026 characters quoted.
    expect(renderYaml({ ["\u2028".repeat(171)]: 1 }).startsWith("? ")).toBe(true);
    for (const key of [fits, long, "\u2028".repeat(170), "\u2028".repeat(171), `${"x".repeat(1021)}"`, `${"x".repeat(1022)}"`]) {
      expectRoundTrip({ [key]: { [key]: [key, { [key]: {} }] }, after: [] });
    }
  });
});

// Strings from the characters YAML treats specially, from all of UTF-16 (lone surrogates included), and
// from the allowlist itself, so both the plain and the quoted paths are exercised.
const specialChar = fc.constantFrom(
  ..."aZ_-./@:#'\"\\ \t\n\r{}[],&*!|>%?`$~=<+0123456789eExo",
  "\u0000",
  "\u0085",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\u202e",
  "\u007f",
  "\ud800",
  "\udc00",
  "\uffff",
  "\u{1f600}",
);
const anyChar = fc.oneof(
  { weight: 4, arbitrary: specialChar },
  { weight: 2, arbitrary: fc.nat({ max: 0xffff }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)) },
);
const text = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 12 }),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_./@-]{0,6}$/),
  fc.constantFrom(...RESERVED_WORDS, ...LITERAL_WORDS, ".inf", "-.Inf", ".NaN", "<<", "=", "-", "---", "..."),
  fc.oneof(fc.double(), fc.integer()).map(String),
  fc.string({ unit: "binary", maxLength: 8 }),
);
const scalar = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
const { value: yamlValue } = fc.letrec<{ value: YamlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(text, fc.option(tie("value"), { nil: undefined, freq: 6 }), { maxKeys: 4 }),
  ),
}));

describe("renderYaml: property", () => {
  it("reads back any nested value identically under YAML 1.2 and 1.1 (fast-check prints the seed on failure)", () => {
    fc.assert(
      fc.property(yamlValue, (value) => {
        expectRoundTrip(value);
      }),
      { numRuns: Number(process.env.ORCHC_PROPERTY_RUNS ?? 1_000), plugins: [fc.interruptAfterTimeLimit(Number(process.env.ORCHC_PROPERTY_MS ?? 15_000))] },
    );
  });
});

/** A GitHub-Actions-like workflow with `jobs` jobs, each a map of 8 keys with steps whose strings need quoting. */
function workflowDocument(jobs: number): YamlValue {
  const jobMap: Record<string, YamlValue> = {};
  for (let i = 0; i < jobs; i++) {
    const id = `job_${String(i).padStart(5, "0")}`;
    jobMap[id] = {
      name: `Build ${id}: "quoted" & more`,
      "runs-on": "ubuntu-latest",
      needs: i === 0 ? [] : [`job_${String(i - 1).padStart(5, "0")}`],
      if: "${{ github.event_name == 'push' && !cancelled() }}",
      "timeout-minutes": 30 + (i % 7),
      "continue-on-error": i % 2 === 0,
      env: { TASK_ID: id, RETRIES: "3", MODE: "on", PYTHONPATH: "${{ github.workspace }}/src" },
      steps: [
        { uses: "actions/checkout@v4" },
        { name: "Set up", uses: "actions/setup-python@v5", with: { "python-version": "3.12" } },
        { name: `Run ${id}`, run: `set -euo pipefail\npython -m orchc.run --task '${id}' --param "x: y" # comment\necho "done"` },
        { name: "Upload", if: "${{ failure() }}", uses: "actions/upload-artifact@v4", with: { name: `logs-${id}`, path: "logs/\n*.log" } },
      ],
    };
  }
  return { name: "orchc pipeline", on: { workflow_dispatch: {}, push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: jobMap };
}

describe("renderYaml: large documents", () => {
  // Reading 8 MB back takes the `yaml` package seconds per version on a busy machine, hence the longer timeout.
  it("renders a 10,000-job workflow that reads back identically", { timeout: 120_000 }, () => {
    const value = workflowDocument(10_000);
    const text = renderYaml(value);
    expect(RAW_FORBIDDEN.test(text)).toBe(false);
    const expected = JSON.stringify(value);
    // The duplicate-key check compares each key with every earlier one (half the read time with 10,000 jobs);
    // two keys rendered alike would already show here as a missing key.
    for (const version of VERSIONS) expect(JSON.stringify(readBack(text, version, false))).toBe(expected);
  });
});
