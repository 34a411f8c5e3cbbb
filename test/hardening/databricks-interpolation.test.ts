// Class: text Databricks would interpolate. Hostile text in every string position of a bundle
// arrives byte for byte after the CLI's interpolation (judged by the CLI's own reference pattern,
// run by Go's regexp in test/conformance/databricks/dynvar-oracle), or the build is refused with a
// located diagnostic; `{{`/`}}` in what Jobs reads at run time is refused; splitting `$` and `{`
// (or `{` and a param) across concat parts is checked on the final string, not the pieces.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateAgainstSchema } from "../conformance/databricks/databricks-cli.js";
import { bundleReferenceIn } from "../../packages/targets/src/databricks/databricks-interpolation.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { testSeed } from "../test-seed.js";
import { hostileString } from "./hostile-corpus.js";
import { build, errorsOf, loadedOf } from "./spec-build.js";

const RUNS = Number(process.env.HOSTILE_RUNS ?? 200);
const SEED = testSeed("HOSTILE_SEED");
const ORACLE = fileURLToPath(new URL("../conformance/databricks/dynvar-oracle/main.go", import.meta.url));

/** The references the Databricks CLI would resolve in each string (its own pattern, Go's regexp). */
function cliReferences(strings: ReadonlyArray<string>): string[][] {
  const result = spawnSync("go", ["run", ORACLE], { input: JSON.stringify(strings), encoding: "utf8", env: { ...process.env, GOFLAGS: "-mod=mod", GOPROXY: "off" }, maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`dynvar oracle failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as string[][];
}

const DATABRICKS_HOSTILE = ["$${var.x}", "$", "{var.x}", "${", "{", "{{", "}}", "}", "{{job.id}}", "${a.b[0].c}", "${ü.ß}", "${1a}", "${ x }", "${HOME:-/tmp}", "${{ x }}", "$${", "x}}y", "a/b/../c"];
const hostile = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: fc.constantFrom(...DATABRICKS_HOSTILE) }).filter((text) => text.trim() !== "");

const FIELDS = [
  "description", "tag", "paramDescription", "paramDefault", "namePrefix", "envParam", "email", "sparkVersion", "nodeType", "confKey", "confValue", "envValue",
  "clusterId", "warehouseId", "warehouseName", "clusterLookup", "warehouseLookup", "poolLookup", "policyLookup", "dependency", "taskDescription", "notebookPath", "notebookParam", "pieceA", "pieceB", "pythonFile", "arg", "sqlFile", "sqlParam",
] as const;
type Hostile = Record<(typeof FIELDS)[number], string>;
/** Mostly plain values, so that each case has a few hostile fields and some cases build. */
const hostileRecord: fc.Arbitrary<Hostile> = fc.record(
  Object.fromEntries(FIELDS.map((field) => [field, fc.oneof({ weight: 5, arbitrary: fc.constant(`plain_${field}`) }, { weight: 1, arbitrary: hostile })])) as Record<(typeof FIELDS)[number], fc.Arbitrary<string>>,
);

const specOf = (h: Hostile) => ({
  id: "hostile",
  description: h.description,
  tags: [h.tag],
  params: { p: { type: "string", default: h.paramDefault, description: h.paramDescription } },
  secrets: { k: { scope: "etl", key: "token" } },
  notify: { onFailure: { email: [h.email] } },
  environments: { dev: { default: true, namePrefix: h.namePrefix, params: { p: h.envParam } } },
  compute: {
    c: { kind: "cluster", sparkVersion: h.sparkVersion, nodeType: h.nodeType, workers: 1, sparkConf: { [h.confKey]: h.confValue }, env: { E: h.envValue } },
    x: { kind: "existingCluster", id: h.clusterId },
    w: { kind: "warehouse", id: h.warehouseId },
    s: { kind: "sqlWarehouse", name: h.warehouseName, size: "2X-Small" },
    sv: { kind: "serverless", dependencies: [h.dependency] },
    xn: { kind: "existingCluster", name: h.clusterLookup },
    wn: { kind: "warehouse", name: h.warehouseLookup },
    pn: { kind: "cluster", sparkVersion: "15.4.x-scala2.12", instancePool: { name: h.poolLookup }, policy: { name: h.policyLookup } },
  },
  tasks: [
    {
      id: "nb",
      description: h.taskDescription,
      compute: "c",
      action: { kind: "notebook", path: h.notebookPath, params: { literal: h.notebookParam, split: { $template: [h.pieceA, { $param: "p" }, h.pieceB] }, secret: { $template: [h.pieceA, { $secret: "k" }] } } },
    },
    { id: "py", compute: "x", action: { kind: "sparkPython", file: h.pythonFile, args: [h.arg, { $template: [h.pieceA, h.pieceB] }] } },
    { id: "sv", compute: "sv", action: { kind: "sparkPython", file: "a.py" } },
    { id: "q", action: { kind: "sql", file: h.sqlFile, warehouse: "w", params: { v: h.sqlParam } } },
    { id: "q2", action: { kind: "sql", file: "b.sql", warehouse: "s" } },
    { id: "byname", compute: "xn", action: { kind: "notebook", path: "n" } },
    { id: "pooled", compute: "pn", action: { kind: "notebook", path: "n" } },
    { id: "q3", action: { kind: "sql", file: "c.sql", warehouse: "wn" } },
  ],
});

const bundlePath = (path: string) => (path.startsWith("/") ? path : `../${path.replace(/^\.\//, "")}`);

/** Every string (values and map keys) in a parsed document. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, out));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) out.push(key), stringsIn(item, out);
  return out;
}

/** The references orchc itself writes: whole strings only. */
const ORCHC_REFERENCE = /^\$\{(?:var\.p|var\.hostile__(?:xn_cluster|wn_warehouse|pn_instance_pool|pn_cluster_policy)|resources\.sql_warehouses\.hostile_s\.id)\}$/;

describe(`text Databricks would interpolate (seed ${SEED}, ${RUNS} cases; HOSTILE_SEED=${SEED} replays)`, () => {
  it("hostile text in every string position arrives byte for byte after the CLI's interpolation, or is refused with a located code", () => {
    const cases = fc.sample(hostileRecord, { numRuns: RUNS, seed: SEED });
    const built = cases.map((h) => ({ h, result: build("databricks", loadedOf(specOf(h))) }));
    const accepted = built.filter(({ result }) => errorsOf(result.diagnostics).length === 0);
    const refused = built.filter(({ result }) => errorsOf(result.diagnostics).length > 0);
    // Both outcomes must be exercised, or the corpus no longer tests anything.
    expect(accepted.length).toBeGreaterThan(RUNS / 20);
    expect(refused.length).toBeGreaterThan(RUNS / 20);

    for (const { result } of refused) {
      for (const diagnostic of errorsOf(result.diagnostics)) {
        expect(["ORC105", "ORC301", "ORC330"], diagnostic.message).toContain(diagnostic.code);
        expect(diagnostic.subject?.path?.length ?? 0, diagnostic.message).toBeGreaterThan(0);
      }
    }

    const documents = accepted.map(({ h, result }) => {
      const bundle = parse(result.files.find((file) => file.path === "databricks.yml")!.contents);
      const resource = parse(result.files.find((file) => file.path.endsWith(".job.yml"))!.contents).resources;
      return { h, bundle, resource };
    });
    // The CLI's own pattern finds nothing to resolve but orchc's own references.
    const strings = documents.flatMap(({ bundle, resource }) => [...stringsIn(bundle), ...stringsIn(resource)]);
    const references = cliReferences(strings);
    strings.forEach((text, index) => {
      if (references[index]!.length > 0) expect(text, `the CLI would resolve ${references[index]!.join(", ")} in ${JSON.stringify(text)}`).toMatch(ORCHC_REFERENCE);
    });

    // The bundle JSON Schema accepts what was built (the first cases, to keep the run short).
    const scratch = mkdtempSync(join(tmpdir(), "orchc-hostile-bundle-"));
    try {
      accepted.slice(0, 25).forEach(({ result }, index) => {
        for (const file of result.files) {
          const path = join(scratch, String(index), file.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, file.contents);
        }
        expect(validateAgainstSchema(join(scratch, String(index)))).toEqual([]);
      });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }

    for (const { h, bundle, resource } of documents) {
      const job = resource.jobs.hostile;
      const tasks = Object.fromEntries(job.tasks.map((task: { task_key: string }) => [task.task_key, task]));
      const cluster = job.job_clusters[0].new_cluster;
      expect(job.name).toBe(h.namePrefix + "hostile");
      expect(job.description).toBe(h.description);
      expect(Object.keys(job.tags)).toEqual([h.tag]);
      expect(job.email_notifications.on_failure).toEqual([h.email]);
      expect(bundle.variables.p).toEqual({ description: h.paramDescription, default: h.envParam });
      expect([cluster.spark_version, cluster.node_type_id, cluster.spark_conf, cluster.spark_env_vars]).toEqual([h.sparkVersion, h.nodeType, { [h.confKey]: h.confValue }, { E: h.envValue }]);
      expect(tasks.py.existing_cluster_id).toBe(h.clusterId);
      expect(tasks.q.sql_task.warehouse_id).toBe(h.warehouseId);
      expect(resource.sql_warehouses.hostile_s.name).toBe(h.namePrefix + h.warehouseName);
      expect([bundle.variables.hostile__xn_cluster.lookup, bundle.variables.hostile__wn_warehouse.lookup, bundle.variables.hostile__pn_instance_pool.lookup, bundle.variables.hostile__pn_cluster_policy.lookup]).toEqual([
        { cluster: h.clusterLookup },
        { warehouse: h.warehouseLookup },
        { instance_pool: h.poolLookup },
        { cluster_policy: h.policyLookup },
      ]);
      expect(job.environments[0].spec.dependencies).toEqual([h.dependency]);
      expect(tasks.nb.description).toBe(h.taskDescription.slice(0, 1000));
      expect(tasks.nb.notebook_task.notebook_path).toBe(bundlePath(h.notebookPath));
      expect(tasks.nb.notebook_task.base_parameters).toEqual({ literal: h.notebookParam, split: `${h.pieceA}{{job.parameters.p}}${h.pieceB}`, secret: `${h.pieceA}{{secrets/etl/token}}` });
      expect(tasks.py.spark_python_task).toEqual({ python_file: bundlePath(h.pythonFile), parameters: [h.arg, h.pieceA + h.pieceB] });
      expect(tasks.q.sql_task.file.path).toBe(bundlePath(h.sqlFile));
      expect(tasks.q.sql_task.parameters).toEqual({ v: h.sqlParam });
      // What Jobs reads at run time holds no `{{`/`}}` but orchc's own references.
      const runtime = [h.notebookParam, h.arg, h.sqlParam, h.envParam, `${h.pieceA}\u0000${h.pieceB}`, h.pieceA + h.pieceB];
      for (const text of runtime) expect(text).not.toMatch(/\{\{|\}\}/);
    }
  });

  it("orchc's reference check agrees with the CLI's pattern on the CLI's own vectors and the hostile corpus", () => {
    // reference_vectors.json: copied from databricks/cli libs/dyn/dynvar/testdata at 7bbe285.
    const vectors = (JSON.parse(readFileSync(new URL("../conformance/databricks/dynvar-oracle/reference_vectors.json", import.meta.url), "utf8")) as { vectors: Array<{ input: string; match: boolean }> }).vectors;
    const inputs = [...vectors.map((vector) => vector.input), ...DATABRICKS_HOSTILE, ...fc.sample(hostile, { numRuns: 2000, seed: SEED }), ...fc.sample(fc.string({ unit: fc.constantFrom("$", "{", "}", ".", "a", "é", "9", "_", "-", "[", "]", "0", " ") }), { numRuns: 3000, seed: SEED })];
    const cli = cliReferences(inputs);
    inputs.forEach((input, index) => expect(bundleReferenceIn(input), JSON.stringify(input)).toBe(cli[index]![0] ?? null));
    vectors.forEach((vector, index) => expect(cli[index]!.length > 0, vector.input).toBe(vector.match));
  });

  it("a reference split across concat parts, or braces around a param, is refused on the final string", () => {
    const split = (parts: unknown[]) =>
      build("databricks", loadedOf({ id: "split", params: { p: { type: "string", default: "d" } }, tasks: [{ id: "t", action: { kind: "notebook", path: "n.py", params: { x: { $template: parts } } } }] }));
    const codes = (parts: unknown[]) => errorsOf(split(parts).diagnostics).map((diagnostic) => [diagnostic.code, diagnostic.subject?.taskId, diagnostic.subject?.path]);
    expect(codes(["$", "{var.p}"])).toEqual([["ORC301", "t", ["action", "params", "x"]]]);
    expect(codes(["$", { $param: "p" }])).toEqual([]);
    expect(codes(["{", { $param: "p" }, "}"])).toEqual([["ORC330", "t", ["action", "params", "x"]]]);
    expect(codes(["{", "{job.id}}"])).toEqual([["ORC330", "t", ["action", "params", "x"]]]);
    expect(codes(["${ not a reference }"])).toEqual([]);
    // A prefix and a name that only together form `${var.x}` in the job name.
    const named = build("databricks", loadedOf({ id: "var_x", name: "var.x}", environments: { dev: { namePrefix: "${" } }, tasks: [{ id: "t", action: { kind: "notebook", path: "n.py" } }] }));
    expect(errorsOf(named.diagnostics).map((diagnostic) => [diagnostic.code, diagnostic.subject?.path])).toEqual([["ORC301", ["environments", "dev", "namePrefix"]]]);
  });

  it("secret scopes and keys Databricks would not accept are refused, located at the secret", () => {
    const withSecret = (scope: string, key: string) =>
      errorsOf(build("databricks", loadedOf({ id: "s", secrets: { k: { scope, key } }, tasks: [{ id: "t", action: { kind: "notebook", path: "n.py", params: { x: { $secret: "k" } } } }] })).diagnostics).map(
        (diagnostic) => [diagnostic.code, diagnostic.subject?.path],
      );
    expect(withSecret("etl.team@corp-1_x", "api.token-1_x")).toEqual([]);
    expect(withSecret("etl}}/x", "k")).toEqual([["ORC330", ["action", "params", "x"]], ["ORC331", ["secrets", "k", "scope"]]]);
    expect(withSecret("etl", "a/b")).toEqual([["ORC331", ["secrets", "k", "key"]]]);
    expect(withSecret("etl", "k@x")).toEqual([["ORC331", ["secrets", "k", "key"]]]);
    expect(withSecret("e".repeat(129), "k")).toEqual([["ORC331", ["secrets", "k", "scope"]]]);
  });
});
