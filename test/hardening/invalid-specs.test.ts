// Fuzzed specs: a valid pipeline with random parts replaced, removed or added. Whatever comes in,
// orchc answers with coded diagnostics, never a crash; and the CLI exits 1 (or 0), never 2, and
// prints no stack trace. FUZZ_RUNS sets the count (default 10,000); the seed is the commit's
// (test/test-seed.ts), FUZZ_SEED=<seed> replays a failure and FUZZ_SEED=random explores.
import { compile, DIAGNOSTIC_CODES, lowerToIR, type LoadedPipeline } from "@orchc/compiler";
import { targets, type TargetName } from "@orchc/targets";
import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, runCli, useTempProjects } from "../e2e/cli-helpers.js";
import { testSeed } from "../test-seed.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = testSeed("FUZZ_SEED");

const BASE = {
  id: "fuzz_base",
  description: "every feature once",
  schedule: { cron: "30 2 * * 1-5", timezone: "Europe/Paris" },
  timeout: "3h",
  maxConcurrentRuns: 1,
  params: { day: { type: "string", default: "" }, region: { type: "enum", values: ["eu", "us"], default: "eu" }, limit: { type: "number", default: 10 } },
  secrets: { token: { description: "api token", scope: "etl", key: "token" } },
  notify: { onFailure: { email: ["data@example.com"] } },
  compute: { jobs: { kind: "cluster", sparkVersion: "15.4.x-scala2.12", nodeType: "i3.xlarge", workers: 2 }, wh: { kind: "warehouse", id: "abc123" } },
  environments: { dev: { default: true, namePrefix: "[DEV] ", paused: true, params: { region: "eu" }, notify: null }, prod: { timeout: "4h" } },
  tasks: [
    { id: "extract", action: { kind: "shell", command: { $template: ["python extract.py --day ", { $param: "day" }] } }, retries: { count: 2, delay: "60s", backoff: "exponential", maxDelay: "10m" }, timeout: "30m" },
    { id: "load", action: { kind: "python", script: "load.py", args: ["--region", { $param: "region" }] }, after: ["extract"], env: { TOKEN: { $secret: "token" } } },
    { id: "report", action: { kind: "shell", command: "python report.py" }, after: ["load"], optional: true, group: "reporting", tags: ["nightly"] },
    { id: "cleanup", action: { kind: "shell", command: "rm -rf /tmp/x" }, after: ["load"], runIf: "allDone" },
  ],
};

type Path = Array<string | number>;
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}
const PATHS = pathsOf(BASE).filter((path) => path.length > 0);

/** Values that a spec should not hold, and some that it may. */
const hostileValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, null, NaN, Infinity, -1, 0, 1.5, 1e300, "", " ", "\u0000", "a\nb", "${{ x }}", "{{ y }}", "* * * * * *", "@often", "Mars/Base", "-5m", "0s", "task with spaces", "Extract", "x".repeat(300)),
  fc.constantFrom(() => 1, Symbol("s"), new Date(0), [undefined], { $param: "nope" }, { $secret: "nope" }, { $template: [1, { $param: 2 }] }, { kind: "shell" }, { kind: "teleport" }),
  fc.string(),
  fc.integer(),
);

type Mutation = { op: "set"; path: Path; value: unknown } | { op: "delete"; path: Path } | { op: "add"; path: Path; key: string; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), path: fc.constantFrom(...PATHS), value: hostileValue }),
  fc.record({ op: fc.constant("delete" as const), path: fc.constantFrom(...PATHS) }),
  fc.record({ op: fc.constant("add" as const), path: fc.constantFrom([], ...PATHS), key: fc.oneof(fc.constantFrom("after", "id", "kind", "cron", "retries", "__proto__", "constructor"), fc.string()), value: hostileValue }),
);

/** A fresh copy of plain objects and arrays: fast-check hands out the same constant objects to many cases, and a shared one mutated in place would leak between cases or close a cycle. */
function fresh(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fresh);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fresh(item)]));
  return value;
}

function mutate(mutations: ReadonlyArray<Mutation>): unknown {
  const spec = structuredClone(BASE) as Record<string, unknown>;
  for (const change of mutations) {
    let parent: Record<string | number, unknown> | null = spec;
    const path = change.op === "add" ? change.path : change.path.slice(0, -1);
    for (const segment of path) parent = parent !== null && typeof parent === "object" ? ((parent[segment] ?? null) as typeof parent) : null;
    if (parent === null || typeof parent !== "object") continue;
    // A named key on an array is not something JSON or YAML can say (and `length` would throw in
    // the harness itself): adding to an array appends an item instead.
    if (change.op === "add" && Array.isArray(parent)) parent.push(fresh(change.value));
    else if (change.op === "add") Object.defineProperty(parent, change.key, { value: fresh(change.value), enumerable: true, configurable: true, writable: true });
    else if (change.op === "delete") delete parent[change.path[change.path.length - 1]!];
    else parent[change.path[change.path.length - 1]!] = fresh(change.value);
  }
  return spec;
}

const loadedOf = (spec: unknown): LoadedPipeline[] => [{ file: "/project/pipeline.ts", projectRoot: "/project", exportName: "default", spec }];
const TARGET_NAMES = Object.keys(targets) as TargetName[];

describe(`fuzzed specs (seed ${SEED}, ${RUNS} cases; FUZZ_SEED=${SEED} replays them)`, () => {
  it("every answer is coded diagnostics or a compiled pipeline, never a thrown error", () => {
    let invalid = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom(...TARGET_NAMES), (mutations, target) => {
        const loaded = loadedOf(mutate(mutations));
        const lowered = lowerToIR(loaded, null);
        for (const diagnostic of lowered.diagnostics) {
          expect(Object.keys(DIAGNOSTIC_CODES)).toContain(diagnostic.code);
          expect(typeof diagnostic.message).toBe("string");
        }
        const failed = lowered.diagnostics.some((diagnostic) => diagnostic.severity === "error");
        expect(lowered.ir === null).toBe(failed);
        if (failed) {
          invalid++;
          return;
        }
        const result = compile({ loaded, target: targets[target], environment: null, options: {}, orchcVersion: "0.0.0-fuzz", lowered });
        for (const diagnostic of result.diagnostics) expect(Object.keys(DIAGNOSTIC_CODES)).toContain(diagnostic.code);
        if (!result.diagnostics.some((diagnostic) => diagnostic.severity === "error")) expect(result.files.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The mutations must mostly break the spec, or the fuzz would test the happy path.
    expect(invalid / RUNS).toBeGreaterThan(0.5);
  });

  it("arrays with holes (`tasks: [a, , b]`, which a pipeline.ts can write) are answered, not thrown on (found by seed 1346448561)", () => {
    const holes = { ...BASE, tasks: [BASE.tasks[0], , BASE.tasks[1]], tags: [, "x"] };
    const lowered = lowerToIR(loadedOf(holes), null);
    expect(lowered.diagnostics.some((diagnostic) => diagnostic.severity === "error")).toBe(true);
    expect(lowered.diagnostics.every((diagnostic) => diagnostic.code in DIAGNOSTIC_CODES)).toBe(true);
  });

  const project = useTempProjects();
  it("the CLI on 40 of them, written as JSON files: exit 0 or 1, located diagnostics, no stack trace", () => {
    const samples = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 4 }), { numRuns: 40, seed: SEED });
    const directory = project();
    samples.forEach((mutations, index) => {
      const text = JSON.stringify(mutate(mutations), (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
      if (text === undefined) return;
      const file = `case-${index}.json`;
      writeFileSync(join(directory, file), text);
      const result = runCli(["validate", file, "--target", TARGET_NAMES[index % TARGET_NAMES.length]!], { cwd: directory });
      expect([0, 1], `${file}: ${result.stderr}`).toContain(result.status);
      expectNoStackTrace(result.stderr);
      if (result.status === 1) expect(result.stderr).toMatch(/ORC\d{3}/);
    });
  });
});
