// Strings that break naive generators: every kind of quote, escapes, newlines, the template syntax
// of each target, YAML's special words and indicators, shell expansions, very long text, RTL and emoji.
import type { LoadedPipeline } from "@orchc/compiler";
import fc from "fast-check";

export const HOSTILE_STRINGS: ReadonlyArray<string> = [
  `it's "double" and 'single' and \`back\``,
  "back\\slash \\n \\\\ \\u0041 \\x41",
  "line one\nline two\r\nline three\rend",
  "ends with a newline\n",
  "\r",
  "\n\n",
  '""" triple double """',
  "''' triple single '''",
  "{{ ds }} {% if x %}y{% endif %} {# comment #}",
  "${{ github.token }} ${{ secrets.X }} ${{ inputs.p }}",
  "${var.catalog} ${resources.jobs.x.id} ${bundle.target}",
  "$(id) `whoami` $HOME ${HOME} $'\\x41' ; rm -rf / && echo pwned | cat > /tmp/x",
  "yes",
  "no",
  "on",
  "off",
  "~",
  "null",
  "true",
  "0x1F",
  "1e3",
  ".inf",
  "key: value",
  "comment # here",
  "*alias",
  "&anchor",
  "!tag",
  "%directive",
  "@at",
  "- list item",
  "? complex",
  "| block",
  "> folded",
  "[flow, seq]",
  "{flow: map}",
  " leading and trailing spaces ",
  "\ttab\tseparated\t",
  "x".repeat(5000),
  "עברית מימין לשמאל",
  "\u202eRTL override\u202c and \u2066isolate\u2069",
  "emoji 🚀🔥👩‍💻 and combining é",
  "\u2028line separator\u2029paragraph separator",
  "%s %d %n {0} %(name)s",
  "</script><script>alert(1)</script>",
  "",
];

/** Corpus strings, alone or glued to each other and to arbitrary unicode (controls stay out: they are refused). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => `${a}${b}`) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }).filter((text) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) },
);

export interface Values {
  readonly description: string;
  readonly taskDescription: string;
  readonly paramDefault: string;
  readonly envValue: string;
  readonly commandText: string;
  readonly notebookParam: string;
}
export const hostileValues: fc.Arbitrary<Values> = fc.record({ description: hostileString, taskDescription: hostileString, paramDefault: hostileString, envValue: hostileString, commandText: hostileString, notebookParam: hostileString });

export function specOf(v: Values, kind: "shell" | "notebook"): LoadedPipeline[] {
  const action =
    kind === "shell"
      ? { kind: "shell", command: { $template: ["printf '%s' ", { $param: "p" }] } }
      : { kind: "notebook", path: "src/n.py", params: { literal: v.notebookParam, fromParam: { $param: "p" } } };
  const spec = {
    id: "hostile",
    description: v.description,
    params: { p: { type: "string", default: v.paramDefault } },
    tasks: [
      { id: "t", description: v.taskDescription, action, ...(kind === "shell" && { env: { E: v.envValue } }) },
      // The command text itself, as the literal shell code a user wrote.
      ...(kind === "shell" ? [{ id: "literal", action: { kind: "shell", command: v.commandText }, after: ["t"] }] : []),
    ],
  };
  return [{ file: "/project/pipeline.json", projectRoot: "/project", exportName: "default", spec }];
}
