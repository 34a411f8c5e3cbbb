// Databricks' own starting point, the default-python template's bundle (test/examples/fixtures/
// databricks-default-python, as the Databricks CLI 1.13.0 renders it), against what orchc builds from
// examples/databricks-default-python/pipeline.ts: compared after YAML parse, field by field, as each
// bundle target deploys it (the job resource with the target's overlay merged as the CLI merges it,
// variables resolved). Every difference must be one the example's README explains (below, with the
// reason); one that is not, or an explanation left over, fails the test.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cliMerge } from "../conformance/databricks/bundle-resources.js";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..");
const TEMPLATE = join(root, "test", "examples", "fixtures", "databricks-default-python");
const EXAMPLE = join(root, "examples", "databricks-default-python");

/** The template's acceptance-test placeholders, as the example fills them in. */
const PLACEHOLDERS: Record<string, string> = {
  "[UUID]": "8d1b9a3e-5c4f-4e2a-9b7d-2f6e0c1a4b58",
  "[DATABRICKS_URL]": "https://my-workspace.cloud.databricks.com",
  "[USERNAME]": "someone@example.com",
};

/** Each difference between the two deployed bundles, by path, and why it stays (README.md says the same). */
const EXPLAINED: Record<string, string> = {
  "variables.catalog.default": "orchc's param default is the default environment's value (dev sets hive_metastore); the template declares no default and sets it in each target, as the example does too",
  "dev.job.trigger.pause_status":
    "written out: the example's dev environment is `paused`, which is what development mode does to a trigger without a pause_status; the template leaves it to the CLI",
  "prod.job.trigger.pause_status": "written out: in a bundle with a development-mode target orchc writes UNPAUSED (Databricks' default) so every target runs as the pipeline says",
  "dev.job.tasks.python_wheel_task.python_wheel_task.parameters.1":
    "orchc passes a param to a task as the job parameter at run time ({{job.parameters.catalog}}, whose default is ${var.catalog}), so a run started with other parameters uses them; the template fixes the value at deploy",
  "dev.job.tasks.python_wheel_task.python_wheel_task.parameters.3": "the same, for schema",
  "prod.job.tasks.python_wheel_task.python_wheel_task.parameters.1": "the same, in prod",
  "prod.job.tasks.python_wheel_task.python_wheel_task.parameters.3": "the same, for schema in prod",
};

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping => typeof value === "object" && value !== null && !Array.isArray(value);

function fillPlaceholders(text: string): string {
  return Object.entries(PLACEHOLDERS).reduce((filled, [placeholder, value]) => filled.replaceAll(placeholder, value), text);
}

/** databricks.yml and the sample job's resource file, merged into one document as the CLI includes them. */
function bundleDocument(directory: string): Mapping {
  const files = [join(directory, "databricks.yml"), join(directory, "resources", "sample_job.job.yml")];
  return files.map((file) => parse(fillPlaceholders(readFileSync(file, "utf8"))) as Mapping).reduce((all, document) => cliMerge(all, document) as Mapping, {});
}

/** The bundle as target `name` deploys it: its settings, its variables' values and the job with its overlay. */
function deployed(document: Mapping, name: string): Mapping {
  const target = ((document.targets as Mapping)[name] ?? {}) as Mapping;
  const { variables: targetVariables, resources: targetResources, ...settings } = target;
  const declared = (document.variables ?? {}) as Record<string, Mapping>;
  const values = Object.fromEntries(Object.keys(declared).map((variable) => [variable, (targetVariables as Mapping | undefined)?.[variable] ?? declared[variable]!.default]));
  const job = cliMerge(((document.resources as Mapping).jobs as Mapping).sample_job, ((targetResources as Mapping | undefined)?.jobs as Mapping | undefined)?.sample_job);
  return { settings, variables: values, job };
}

/** Every leaf by path; lists of keyed entries (tasks, parameters, environments) by their key, so order does not count. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const key = isMapping(item) ? (item.task_key ?? item.environment_key ?? (path.endsWith("job.parameters") ? item.name : undefined)) : undefined;
      leaves(item, `${path}.${typeof key === "string" ? key : index}`, out);
    });
  } else if (isMapping(value)) {
    for (const [key, item] of Object.entries(value)) leaves(item, path === "" ? key : `${path}.${key}`, out);
  } else out.set(path, value);
  return out;
}

function view(document: Mapping): Map<string, unknown> {
  const out = new Map<string, unknown>();
  leaves({ bundle: document.bundle, include: document.include, artifacts: document.artifacts }, "", out);
  for (const [variable, declaration] of Object.entries((document.variables ?? {}) as Mapping)) leaves(declaration, `variables.${variable}`, out);
  for (const target of ["dev", "prod"]) leaves(deployed(document, target), target, out);
  return out;
}

describe("examples/databricks-default-python says what Databricks' default-python template says", () => {
  const template = view(bundleDocument(TEMPLATE));
  const orchc = view(bundleDocument(EXAMPLE));
  const differences = [...new Set([...template.keys(), ...orchc.keys()])].filter((path) => template.get(path) !== orchc.get(path)).sort();

  it("differs only where the README explains why", () => {
    const listed = differences.map((path) => `${path}: template ${JSON.stringify(template.get(path))}, orchc ${JSON.stringify(orchc.get(path))}`);
    expect(differences, listed.join("\n")).toEqual(Object.keys(EXPLAINED).sort());
  });

  it("compares the fields that matter: the trigger, the wheel task, the pipeline refresh, dev's schema, prod's permissions", () => {
    for (const path of [
      "dev.job.trigger.periodic.interval",
      "dev.job.trigger.periodic.unit",
      "prod.job.tasks.python_wheel_task.python_wheel_task.package_name",
      "prod.job.tasks.python_wheel_task.environment_key",
      "prod.job.environments.default.spec.dependencies.0",
      "prod.job.tasks.refresh_pipeline.pipeline_task.pipeline_id",
      "dev.variables.schema",
      "prod.settings.permissions.0.level",
      "artifacts.python_artifact.build",
      "bundle.uuid",
    ]) {
      expect(template.has(path), path).toBe(true);
      expect(orchc.get(path), path).toBe(template.get(path));
    }
    expect(orchc.get("dev.variables.schema")).toBe("${workspace.current_user.short_name}");
  });

  it("keeps the README's list of differences in step with the test's", () => {
    const readme = readFileSync(join(EXAMPLE, "README.md"), "utf8");
    for (const path of Object.keys(EXPLAINED)) expect(readme, path).toContain(`\`${path}\``);
  });
});
