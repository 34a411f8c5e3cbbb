// Every bundle orchc generates (golden cases and examples) checked against the Databricks bundle
// JSON Schema with Ajv, plus what the schema cannot see: task references, variables, Quartz.
import { CronExpressionParser } from "cron-parser";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bundleFiles, bundleSchemaFile, validateAgainstSchema } from "./databricks-cli.js";
import { generatedBundles as bundles } from "./generated-bundle-list.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

type Job = { tasks?: Array<{ task_key: string; depends_on?: Array<{ task_key: string }>; job_cluster_key?: string; environment_key?: string }>; job_clusters?: Array<{ job_cluster_key: string }>; environments?: Array<{ environment_key: string }>; schedule?: { quartz_cron_expression: string } };
type Resources = { jobs?: Record<string, Job>; sql_warehouses?: Record<string, unknown> };
type Document = { variables?: Record<string, unknown>; resources?: Resources; targets?: Record<string, { variables?: Record<string, unknown>; resources?: Resources }> };

/** What `databricks bundle validate` does not check but a deploy would fail on. */
function semanticProblems(directory: string): string[] {
  const documents = bundleFiles(directory).map((file) => parse(readFileSync(file, "utf8")) as Document);
  const variables = new Set(documents.flatMap((document) => Object.keys(document.variables ?? {})));
  const problems: string[] = [];
  const jobs = documents.flatMap((document) => Object.entries(document.resources?.jobs ?? {}));
  const targetJobs = documents.flatMap((document) => Object.values(document.targets ?? {}).flatMap((target) => Object.entries(target.resources?.jobs ?? {})));
  for (const [key, job] of jobs) {
    const taskKeys = new Set((job.tasks ?? []).map((task) => task.task_key));
    for (const task of job.tasks ?? []) {
      for (const dep of task.depends_on ?? []) if (!taskKeys.has(dep.task_key)) problems.push(`${key}.${task.task_key} depends on missing ${dep.task_key}`);
      const clusterDefined = (candidate: Job) => (candidate.job_clusters ?? []).some((cluster) => cluster.job_cluster_key === task.job_cluster_key);
      if (task.job_cluster_key !== undefined && !clusterDefined(job) && !targetJobs.some(([targetKey, targetJob]) => targetKey === key && clusterDefined(targetJob))) {
        problems.push(`${key}.${task.task_key} uses undefined job cluster ${task.job_cluster_key}`);
      }
    }
  }
  const text = bundleFiles(directory).map((file) => readFileSync(file, "utf8")).join("\n");
  for (const match of text.matchAll(/\$\{var\.([A-Za-z0-9_-]+)\}/g)) if (!variables.has(match[1]!)) problems.push(`\${var.${match[1]}} is not declared`);
  // A task's warehouse a bundle creates must be defined as a resource, at the top or in every target that the reference reaches.
  const warehouseKeys = new Set(documents.flatMap((document) => [document.resources?.sql_warehouses, ...Object.values(document.targets ?? {}).map((target) => target.resources?.sql_warehouses)].flatMap((entries) => Object.keys(entries ?? {}))));
  for (const match of text.matchAll(/\$\{resources\.sql_warehouses\.([A-Za-z0-9_-]+)\.id\}/g)) if (!warehouseKeys.has(match[1]!)) problems.push(`\${resources.sql_warehouses.${match[1]}.id} is not defined`);
  for (const document of documents) for (const target of Object.values(document.targets ?? {})) for (const name of Object.keys(target.variables ?? {})) if (!variables.has(name)) problems.push(`target sets undeclared variable ${name}`);
  for (const [key, job] of [...jobs, ...targetJobs]) {
    const quartz = job.schedule?.quartz_cron_expression;
    if (quartz === undefined) continue;
    const fields = quartz.split(" ");
    if (fields.length < 6 || fields.length > 7) problems.push(`${key}: quartz "${quartz}" has ${fields.length} fields`);
    if ((fields[3] === "?") === (fields[5] === "?")) problems.push(`${key}: quartz "${quartz}" needs exactly one of day-of-month and day-of-week to be ?`);
    try {
      CronExpressionParser.parse(quartz.replace(/\?/g, "*"));
    } catch (failure) {
      problems.push(`${key}: quartz "${quartz}" does not parse: ${(failure as Error).message}`);
    }
  }
  return problems;
}

describe("the checks beside the schema can fail", () => {
  it("an undefined warehouse resource and a missing dependency are found", () => {
    const broken = mkdtempSync(join(tmpdir(), "orchc-broken-bundle-"));
    try {
      cpSync(join(repoRoot, "test", "golden", "cases", "warehouses", "expected", "databricks"), broken, { recursive: true });
      const job = join(broken, "resources", "golden_warehouses.job.yml");
      writeFileSync(job, readFileSync(job, "utf8").replace("golden_warehouses_reporting.id", "golden_warehouses_typo.id").replace("- task_key: daily_totals\n          sql_task", "- task_key: renamed\n          sql_task"));
      expect(semanticProblems(broken)).toEqual([
        "golden_warehouses.archive depends on missing daily_totals",
        "${resources.sql_warehouses.golden_warehouses_typo.id} is not defined",
      ]);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe.skipIf(bundleSchemaFile() === null)("generated bundles are valid Databricks bundles", () => {
  for (const bundle of bundles) {
    it(`${bundle.name}: schema`, () => {
      expect(existsSync(join(bundle.directory, "databricks.yml"))).toBe(true);
      expect(validateAgainstSchema(bundle.directory)).toEqual([]);
    });
    it(`${bundle.name}: what the schema cannot see`, () => {
      expect(semanticProblems(bundle.directory)).toEqual([]);
    });
  }
});
