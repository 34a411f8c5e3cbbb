// Hostile text in every string position of a spec (template parts and split text included), built
// for every target: the build either refuses it with coded diagnostics, or the output holds exactly
// the live expressions the same spec holds with harmless text there — no template, expression or
// interpolation of the user's comes alive in any output language, and the output still parses.
// Each target's own test (github-every-string-position, the real-Airflow and Databricks suites)
// checks the values byte for byte on top of this.
import { compile, DIAGNOSTIC_CODES, type LoadedPipeline } from "@orchc/compiler";
import { targets, type TargetName } from "@orchc/targets";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { AIRFLOW_TEMPLATE_FIELDS, githubExpressions, jinjaConstructs, liveDatabricksReferences } from "./live-expressions.js";

type Spec = Record<string, unknown>;
type Path = ReadonlyArray<string | number>;
type BuildTarget = Exclude<TargetName, "ir">;

/** Harmless text every position can hold: what a hostile build is compared with. */
const HARMLESS = "orchc_harmless";
/** One payload per output language, plus what several of them share. */
const PAYLOADS: ReadonlyArray<string> = [
  "${{ github.event.issue.title }} ${{ secrets.TOKEN }} ${{ inputs.p }}",
  "{{ var.value.orchc_canary }} {% if true %}x{% endif %} {# c #} {{ params.p }}",
  "${var.p} ${workspace.current_user.short_name} ${bundle.target} {{job.run_id}} {{job.parameters.p}}",
  `"""'''\\" ); import os; os.system("id") #`,
  "'\n- evil: true\nkey: \"value\" # x\n",
  "$(printf orchc; printf pwned) `id` ${HOME} '\"",
  "load.sh",
  "query.sql",
  "}} %} #} } $",
];
/** Text split across two adjacent parts of one template: each half is harmless alone. */
const SPLITS: ReadonlyArray<readonly [string, string]> = [
  ["report $", "{{ github.token }}"],
  ["format={", "{ var.value.orchc_canary }}"],
  ["x $", "{bundle.target}"],
  ["{", "{job.run_id}}"],
  ["{", "% if true %}x{% endif %}"],
];

const shellTasks = (extra: Spec = {}) => [
  {
    id: "shell",
    description: "D",
    action: { kind: "shell", command: { $template: ["echo ", "T1", "T2", { $param: "p" }, " done"] } },
    env: { LITERAL: "V", JOINED: { $template: ["T1", "T2", { $param: "p" }, "T3"] } },
    workingDir: "W",
    group: "G",
    tags: ["TAG"],
    ...extra,
  },
  { id: "script", action: { kind: "python", script: "S.py", args: ["A", { $template: ["T1", "T2", { $param: "p" }] }] }, after: ["shell"] },
];

/** A JAR on a cluster, dbt with a warehouse, a saved query and a dashboard (Airflow reaches the dbt project only by workspace path). */
const jarDbtSqlTasks = (project: string, after: string): Spec[] => [
  { id: "jar", action: { kind: "sparkJar", mainClass: "MC", parameters: ["A", { $template: ["T1", "T2", { $param: "p" }] }], libraries: [{ jar: "/J.jar" }, { maven: { coordinates: "M" } }] }, compute: "jobs", after: [after] },
  { id: "dbt", action: { kind: "dbt", commands: ["dbt run", { $template: ["dbt T1", "T2", { $param: "p" }] }], project, warehouse: "wh", catalog: "CAT", schema: "SCH" }, compute: "jobs", after: [after] },
  { id: "saved", action: { kind: "sql", savedQuery: "SQ", warehouse: "wh", params: { a: "V", b: { $template: ["T1", "T2", { $param: "p" }] } } }, after: [after] },
  { id: "dash", action: { kind: "sql", dashboard: "DSH", subscriptions: [{ user: "U" }, { destination: "DST" }], customSubject: "SUBJ", warehouse: "wh" }, after: [after] },
];

const common = (withEmail = true): Spec => ({
  id: "positions",
  name: "N",
  description: "D",
  owner: "O",
  tags: ["TAG"],
  schedule: { cron: "0 2 * * *", timezone: "UTC" },
  params: { p: { type: "string", default: "P", description: "D" }, choice: { type: "enum", values: ["a", "E"], default: "a" } },
  secrets: { token: { description: "D", scope: "scope", key: "key" } },
  ...(withEmail && { notify: { onFailure: { email: ["a@example.com"] } } }),
  environments: { dev: { default: true, namePrefix: "X ", params: { p: "P" } } },
});

/** A spec per target that builds cleanly with harmless text, using what that target can say. */
const BASES: Record<BuildTarget, Spec> = {
  local: { ...common(), tasks: shellTasks() },
  airflow: {
    ...common(),
    compute: { jobs: { kind: "cluster", sparkVersion: "15.4.x-scala2.12", nodeType: "i3.xlarge", workers: 1 }, shared: { kind: "existingCluster", id: "C" }, wh: { kind: "warehouse", id: "H" } },
    tasks: [
      ...shellTasks(),
      { id: "nb", action: { kind: "notebook", path: "/N", params: { a: "V", b: { $template: ["T1", "T2", { $param: "p" }] } } }, compute: "jobs", after: ["script"] },
      { id: "spark", action: { kind: "sparkPython", file: "F.py", args: ["A", { $template: ["T1", "T2", { $param: "p" }] }] }, compute: "shared", after: ["nb"] },
      { id: "query", action: { kind: "sql", file: "Q", warehouse: "wh" }, after: ["spark"] },
      {
        id: "wheel",
        action: { kind: "pythonWheel", package: "PKG", entryPoint: "EP", parameters: ["A", { $template: ["T1", "T2", { $param: "p" }] }], libraries: [{ whl: "/W.whl" }, { pypi: { package: "PY", repo: "R" } }, { maven: { coordinates: "M", repo: "R", exclusions: ["X"] } }] },
        compute: "shared",
        after: ["spark"],
      },
      ...jarDbtSqlTasks("/PRJ", "spark"),
    ],
  },
  "github-actions": { ...common(false), compute: { box: { kind: "runner", runsOn: "R" } }, tasks: shellTasks({ compute: "box" }) },
  databricks: {
    ...common(),
    compute: { jobs: { kind: "cluster", sparkVersion: "15.4.x-scala2.12", nodeType: "i3.xlarge", workers: 1, sparkConf: { k: "V" }, env: { K: "V" } }, shared: { kind: "existingCluster", id: "C" }, wh: { kind: "warehouse", id: "H" } },
    tasks: [
      { id: "nb", description: "D", action: { kind: "notebook", path: "/N", params: { a: "V", b: { $template: ["T1", "T2", { $param: "p" }] } } }, compute: "jobs", tags: ["TAG"] },
      { id: "spark", action: { kind: "sparkPython", file: "F.py", args: ["A", { $template: ["T1", "T2", { $param: "p" }] }] }, compute: "shared", after: ["nb"] },
      { id: "refresh", action: { kind: "lakeflowPipeline", pipeline: "L" }, after: ["nb"] },
      { id: "query", action: { kind: "sql", file: "Q.sql", warehouse: "wh" }, after: ["nb"] },
      {
        id: "wheel",
        action: { kind: "pythonWheel", package: "PKG", entryPoint: "EP", namedParameters: { a: "V", b: { $template: ["T1", "T2", { $param: "p" }] } }, libraries: [{ whl: "W.whl" }, { jar: "/J.jar" }, { pypi: { package: "PY", repo: "R" } }, { maven: { coordinates: "M", repo: "R", exclusions: ["X"] } }] },
        compute: "shared",
        after: ["nb"],
      },
      ...jarDbtSqlTasks("PRJ", "nb"),
    ],
    artifacts: { a: { type: "whl", build: "B", path: "P", files: [{ source: "F" }] } },
  },
};

/** Paths of every string leaf that holds text (not a key, an id or a reference's name). */
function textPositions(value: unknown, path: Path = []): Path[] {
  if (typeof value === "string") return [path];
  if (value === null || typeof value !== "object") return [];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => (key === "$param" || key === "$secret" || key === "id" || key === "after" || key === "kind" ? [] : textPositions(item, [...path, key])));
}

function withText(base: Spec, changes: ReadonlyArray<readonly [Path, string]>): Spec {
  const spec = structuredClone(base);
  for (const [path, text] of changes) {
    let parent = spec as Record<string | number, unknown>;
    for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
    parent[path[path.length - 1]!] = text;
  }
  return spec;
}

const loaded = (spec: Spec): LoadedPipeline[] => [{ file: "/project/pipeline.json", projectRoot: "/project", exportName: "default", spec }];
const build = (target: BuildTarget, spec: Spec) => compile({ loaded: loaded(spec), target: targets[target], environment: null, options: {}, orchcVersion: "0.0.0-test" });

/** The strings Airflow renders in each Python file, read by Python's own parser (one process for all). */
function templatedStringsOf(files: ReadonlyArray<string>): string[][] {
  const reader = `
import ast, json, sys
fields, texts = json.load(sys.stdin)
def strings(node):
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
out = []
for text in texts:
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            unknown = name.endswith(("Operator", "Notifier")) and name not in fields
            for keyword in node.keywords:
                if unknown or keyword.arg in fields.get(name, ()):
                    found.extend(strings(keyword.value))
    out.append(found)
print(json.dumps(out))
`;
  const run = spawnSync("python3", ["-c", reader], { input: JSON.stringify([AIRFLOW_TEMPLATE_FIELDS, files]), encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  expect(run.status, run.stderr.slice(-2000)).toBe(0);
  return JSON.parse(run.stdout) as string[][];
}

const PLAN_START = "const ORCHC_PLAN = ";
/** The runner file around its plan, which must be all that a pipeline changes; the plan must be JSON. */
function runnerWithoutPlan(contents: string): string {
  const start = contents.indexOf(PLAN_START) + PLAN_START.length;
  const end = contents.indexOf(";\n", start);
  JSON.parse(contents.slice(start, end));
  return contents.slice(0, start) + contents.slice(end);
}

/** What each target's engine would evaluate in one build's files (Airflow's templated strings are read by `templatedStringsOf`). */
function liveExpressions(target: BuildTarget, files: ReadonlyArray<{ path: string; contents: string }>, pythonStrings: ReadonlyArray<string> = []): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (target === "github-actions") {
      parse(file.contents);
      found.push(...githubExpressions(file.contents));
    } else if (target === "databricks") {
      found.push(...liveDatabricksReferences(parse(file.contents)));
    } else if (target === "local") {
      found.push(runnerWithoutPlan(file.contents));
    }
  }
  for (const text of pythonStrings) found.push(...jinjaConstructs(text));
  return found.sort();
}

interface Case {
  readonly label: string;
  readonly spec: Spec;
}

function casesFor(target: BuildTarget): Case[] {
  const base = BASES[target];
  const positions = textPositions(base);
  const cases: Case[] = [];
  for (const path of positions) for (const payload of PAYLOADS) cases.push({ label: `${path.join(".")} = ${JSON.stringify(payload)}`, spec: withText(base, [[path, payload]]) });
  // Adjacent text parts of one template ("T1", "T2"): a split payload, half in each.
  const adjacent = positions.filter((path) => path[path.length - 1] !== undefined && typeof path[path.length - 1] === "number" && path.includes("$template"));
  for (const first of adjacent) {
    const next = [...first.slice(0, -1), (first[first.length - 1] as number) + 1];
    if (!adjacent.some((path) => path.join(".") === next.join("."))) continue;
    for (const [left, right] of SPLITS) cases.push({ label: `${first.join(".")} + next = ${JSON.stringify(left)} + ${JSON.stringify(right)}`, spec: withText(base, [[first, left], [next, right]]) });
  }
  return cases;
}

describe("hostile text in every string position, on every target", () => {
  for (const target of Object.keys(BASES) as BuildTarget[]) {
    it(`${target}: refused with coded diagnostics, or the same live expressions as with harmless text`, () => {
      const baseline = build(target, BASES[target]);
      expect(baseline.diagnostics.filter((diagnostic) => diagnostic.severity === "error").map((diagnostic) => diagnostic.message)).toEqual([]);
      const built: Array<{ label: string; files: ReadonlyArray<{ path: string; contents: string }> }> = [{ label: "harmless", files: baseline.files }];
      const cases = casesFor(target);
      const refusals = new Map<string, number>();
      for (const { label, spec } of cases) {
        const result = build(target, spec);
        const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
        if (errors.length === 0) built.push({ label, files: result.files });
        for (const diagnostic of errors) {
          expect(Object.keys(DIAGNOSTIC_CODES), label).toContain(diagnostic.code);
          expect(diagnostic.subject?.file ?? diagnostic.location?.file, `${label}: ${diagnostic.message}`).toBe("/project/pipeline.json");
          refusals.set(diagnostic.code, (refusals.get(diagnostic.code) ?? 0) + 1);
        }
      }
      // Python's own parser reads every Airflow file: a value that broke out of its literal fails here;
      // an operator class the list does not know has all its arguments treated as rendered.
      const strings = target === "airflow" ? templatedStringsOf(built.map(({ files }) => files.map((file) => file.contents).join("\n"))) : [];
      const expected = liveExpressions(target, baseline.files, strings[0]);
      built.forEach(({ label, files }, index) => expect(liveExpressions(target, files, strings[index]), label).toEqual(expected));
      // Most positions must take hostile text as data; a target that refused everything would pass vacuously.
      const refused = cases.length - (built.length - 1);
      console.log(`[every string position] ${target}: ${cases.length} cases, ${refused} refused (${[...refusals].map(([code, count]) => `${code}×${count}`).join(", ") || "none"})`);
      expect(refused / cases.length, `${refused} of ${cases.length} refused`).toBeLessThan(0.5);
    });
  }
});
