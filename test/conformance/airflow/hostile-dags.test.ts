// DAGs generated from hostile strings, loaded by real Airflow (3.3, and 2.10 when provisioned) and
// every templated field of every operator orchc emits rendered by the operator's own
// render_template_fields(): every value arrives byte for byte. That covers Jinja in data (`{{`,
// `{%`, `{#`, also split across two parts of a concat or next to a param), values ending in a
// template extension (`load.sh`, `q.sql`, which Airflow would read as template files: the DAGs
// folder holds such files, so a read shows), nested dicts and lists, and `.airflow({ cwd })`.
import { compile, type LoadedPipeline } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { hostileString, hostileValues, type Values } from "../../hardening/hostile-corpus.js";
import { testSeed } from "../../test-seed.js";
import { airflowMissingReason, airflowPython, hermeticAirflowEnv, type AirflowMajor } from "./airflow-env.js";

const CASES = Number(process.env.HOSTILE_DAGS ?? 60);
const SEED = testSeed("HOSTILE_SEED");

/** Files a value must never be read from: Airflow would find them if it took the value for a template file's name. */
const TEMPLATE_FILES = ["load.sh", "run.bash", "q.sql", "p.json-tpl", "scripts/backup.sh"];
const FILE_CONTENT = "READ FROM A TEMPLATE FILE";

/** Text ending in a template extension some operator has, after hostile text or none. */
const endsInExtension = fc.tuple(fc.oneof(fc.constant(""), hostileString), fc.constantFrom(...TEMPLATE_FILES, "missing/backup.sh", ".sql", "{{ ds }}.sh")).map(([before, file]) => `${before}${file}`);
/** Two concat parts that would open a Jinja tag only together. */
const splitOpener = fc.tuple(hostileString, fc.constantFrom("{", "{{"), fc.constantFrom("{ ds }}", "% if true %}x{% endif %}", "# c #}", "{ var.value.x }}"), hostileString).map(([head, open, rest, tail]) => [`${head}${open}`, `${rest}${tail}`] as const);
const field = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: endsInExtension });

interface Case extends Values {
  readonly ext: string;
  readonly split: readonly [string, string];
  readonly cwd: string;
  readonly cwdOverride: string;
  readonly cluster: string;
  readonly query: string;
  readonly email: string;
  readonly name: string;
}
const cases: fc.Arbitrary<Case> = fc
  .record({ values: hostileValues, ext: endsInExtension, split: splitOpener, cwd: field, cwdOverride: field, cluster: field, query: field, email: field, name: field })
  .map(({ values, ...rest }) => ({ ...values, ...rest }))
  // An empty string is no query, working directory or cluster: other checks' business.
  .filter((c) => c.query !== "" && c.cwd !== "" && c.cwdOverride !== "" && c.cluster !== "" && c.email !== "");

function specOf(c: Case, id: string): LoadedPipeline[] {
  const [a, b] = c.split;
  const around = { $template: [`${a}{`, { $param: "p" }, `}${b}`] };
  const spec = {
    id,
    name: c.name,
    description: c.description,
    params: { p: { type: "string", default: c.paramDefault } },
    notify: { onFailure: { email: [c.email] }, onSuccess: { email: [c.ext] } },
    compute: {
      cluster: { kind: "cluster", sparkVersion: c.cluster, nodeType: c.ext, sparkConf: { "spark.x": c.envValue }, env: { K: c.split.join("") } },
      existing: { kind: "existingCluster", id: c.cluster },
      sv: { kind: "serverless", dependencies: [c.ext] },
      wh: { kind: "warehouse", id: c.ext },
    },
    tasks: [
      {
        id: "t",
        description: c.taskDescription,
        action: { kind: "shell", command: { $template: ["printf '%s' ", { $param: "p" }] } },
        env: { E: c.envValue, EXT: c.ext, SPLIT: { $template: [a, b] }, AROUND: around },
        workingDir: c.cwd,
      },
      // The command text itself, as the literal shell code a user wrote.
      { id: "literal", action: { kind: "shell", command: c.commandText }, after: ["t"] },
      { id: "over", action: { kind: "shell", command: "true" }, overrides: { airflow: { cwd: c.cwdOverride } } },
      { id: "nb", action: { kind: "notebook", path: c.ext, params: { literal: c.notebookParam, split: { $template: [a, b] }, around, ext: c.ext } }, compute: "cluster" },
      { id: "spark", action: { kind: "sparkPython", file: c.ext, args: [c.notebookParam, { $template: [a, b] }] }, compute: "existing" },
      {
        id: "wheel",
        action: { kind: "pythonWheel", package: c.ext, entryPoint: `main${c.notebookParam}`, namedParameters: { literal: c.notebookParam, split: { $template: [a, b] }, around }, libraries: [{ whl: `/${c.ext}` }, { pypi: { package: c.ext } }] },
        compute: "existing",
      },
      { id: "svwheel", action: { kind: "pythonWheel", package: c.ext, entryPoint: c.ext, parameters: [c.notebookParam, { $template: [a, b] }], libraries: [{ whl: `/${c.ext}` }] }, compute: "sv" },
      { id: "jar", action: { kind: "sparkJar", mainClass: c.ext, parameters: [c.notebookParam, { $template: [a, b] }], libraries: [{ jar: `/${c.ext}` }] }, compute: "cluster" },
      {
        id: "dbt",
        action: { kind: "dbt", commands: [`dbt ${c.notebookParam}`, { $template: [`dbt ${a}{`, { $param: "p" }, `}${b}`] }], project: `/${c.ext}`, warehouse: "wh", catalog: c.ext, schema: c.notebookParam },
        compute: "sv",
      },
      { id: "savedquery", action: { kind: "sql", savedQuery: c.ext, warehouse: "wh", params: { a: c.ext, b: around } } },
      { id: "dashboard", action: { kind: "sql", dashboard: c.ext, subscriptions: [{ user: c.email }, { destination: c.ext }], customSubject: c.name, pauseSubscriptions: true, warehouse: "wh" } },
      { id: "sqlfile", action: { kind: "sql", file: c.ext, warehouse: "wh" } },
      { id: "sqlquery", action: { kind: "sql", query: c.query, warehouse: "wh", params: { a: c.ext, b: around } } },
      { id: "lakeflow", action: { kind: "lakeflowPipeline", pipeline: c.ext } },
    ],
  };
  return [{ file: "/project/pipeline.json", projectRoot: "/project", exportName: "default", spec }];
}

type Rendered = Record<string, unknown>;
interface RenderResult {
  import_errors: Record<string, string>;
  dags: Record<string, { tasks: Record<string, Rendered>; notifiers: Record<string, Rendered>; errors: Record<string, string> }>;
}

for (const major of [3, 2] as AirflowMajor[]) {
  const python = airflowPython(major);
  if (python === null) console.warn(airflowMissingReason(major));
  describe.skipIf(python === null)(`${CASES} DAGs from hostile strings in real Airflow ${major === 3 ? "3.3" : "2.10"} (seed ${SEED}; HOSTILE_SEED replays)`, () => {
    const folder = mkdtempSync(join(tmpdir(), "orchc-hostile-dags-"));
    const airflowEnv = hermeticAirflowEnv();
    afterAll(() => {
      rmSync(folder, { recursive: true, force: true });
      airflowEnv.cleanup();
    });

    it("load with no import error, and every templated field of every operator and notifier renders exactly", () => {
      for (const file of TEMPLATE_FILES) {
        spawnSync("mkdir", ["-p", dirname(join(folder, file))]);
        writeFileSync(join(folder, file), FILE_CONTENT);
      }
      const byDag = new Map<string, Case>();
      fc.sample(cases, { numRuns: CASES, seed: SEED }).forEach((c, index) => {
        const id = `hostile_${index}`;
        const result = compile({ loaded: specOf(c, id), target: targets.airflow, environment: null, options: { airflowVersion: major }, orchcVersion: "0.0.0-test" });
        expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
        writeFileSync(join(folder, `${id}.py`), result.files[0]!.contents);
        byDag.set(id, c);
      });
      const script = join(dirname(fileURLToPath(import.meta.url)), "render_templates.py");
      const run = spawnSync(python!, [script, folder], { env: airflowEnv.env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: 280_000 });
      expect(run.status, run.stderr.slice(-3000)).toBe(0);
      const rendered = JSON.parse(run.stdout) as RenderResult;
      expect(rendered.import_errors).toEqual({});
      expect(Object.keys(rendered.dags).sort()).toEqual([...byDag.keys()].sort());
      for (const [dagId, c] of byDag) {
        const { tasks, notifiers, errors } = rendered.dags[dagId]!;
        expect(errors, dagId).toEqual({});
        const [a, b] = c.split;
        const around = `${a}{${c.paramDefault}}${b}`;
        expect(tasks.t!.env, dagId).toEqual({ E: c.envValue, EXT: c.ext, SPLIT: `${a}${b}`, AROUND: around, ORCHC_PARAM_p: c.paramDefault });
        expect(tasks.t!.cwd, dagId).toBe(c.cwd);
        // The prologue, then the command as written; one ending in .sh/.bash gets a space, or Airflow would run it as a script file.
        const command = `set -euo pipefail\n${c.commandText}`;
        expect(tasks.literal!.bash_command, dagId).toBe(/\.(sh|bash)$/.test(command) ? `${command} ` : command);
        expect(tasks.over!.cwd, dagId).toBe(c.cwdOverride);
        const nb = tasks.nb!.json as Record<string, Record<string, unknown>>;
        expect(nb.notebook_task, dagId).toEqual({ notebook_path: c.ext, source: "WORKSPACE", base_parameters: { literal: c.notebookParam, split: `${a}${b}`, around, ext: c.ext } });
        expect(nb.new_cluster, dagId).toMatchObject({ spark_version: c.cluster, node_type_id: c.ext, spark_conf: { "spark.x": c.envValue }, spark_env_vars: { K: `${a}${b}` } });
        const spark = tasks.spark!.json as Record<string, Record<string, unknown>>;
        expect(spark.existing_cluster_id, dagId).toBe(c.cluster);
        expect(spark.spark_python_task, dagId).toEqual({ python_file: c.ext, parameters: [c.notebookParam, `${a}${b}`] });
        const wheel = tasks.wheel!.json as Record<string, unknown>;
        expect(wheel.python_wheel_task, dagId).toEqual({ package_name: c.ext, entry_point: `main${c.notebookParam}`, named_parameters: { literal: c.notebookParam, split: `${a}${b}`, around } });
        expect(wheel.libraries, dagId).toEqual([{ whl: `/${c.ext}` }, { pypi: { package: c.ext } }]);
        const serverlessWheel = tasks.svwheel!.json as { tasks: Array<Record<string, unknown>>; environments: Array<{ spec: { dependencies: string[] } }> };
        expect(serverlessWheel.tasks[0]!.python_wheel_task, dagId).toEqual({ package_name: c.ext, entry_point: c.ext, parameters: [c.notebookParam, `${a}${b}`] });
        expect(serverlessWheel.environments[0]!.spec.dependencies, dagId).toEqual([c.ext, `/${c.ext}`]);
        const jar = tasks.jar!.json as Record<string, unknown>;
        expect(jar.spark_jar_task, dagId).toEqual({ main_class_name: c.ext, parameters: [c.notebookParam, `${a}${b}`] });
        expect(jar.libraries, dagId).toEqual([{ jar: `/${c.ext}` }]);
        const dbt = tasks.dbt!.json as { tasks: Array<Record<string, unknown>>; environments: Array<{ spec: { dependencies: string[] } }> };
        expect(dbt.tasks[0]!.dbt_task, dagId).toEqual({ project_directory: `/${c.ext}`, commands: [`dbt ${c.notebookParam}`, `dbt ${around}`], warehouse_id: c.ext, catalog: c.ext, schema: c.notebookParam, source: "WORKSPACE" });
        expect(dbt.environments[0]!.spec.dependencies, dagId).toEqual([c.ext, "dbt-databricks>=1.8.0,<2.0.0"]);
        const savedQuery = tasks.savedquery!.json as { tasks: Array<{ sql_task: unknown }> };
        expect(savedQuery.tasks[0]!.sql_task, dagId).toEqual({ query: { query_id: c.ext }, warehouse_id: c.ext, parameters: { a: c.ext, b: around } });
        const dashboard = tasks.dashboard!.json as { tasks: Array<{ sql_task: unknown }> };
        expect(dashboard.tasks[0]!.sql_task, dagId).toEqual({
          dashboard: { dashboard_id: c.ext, subscriptions: [{ user_name: c.email }, { destination_id: c.ext }], custom_subject: c.name, pause_subscriptions: true },
          warehouse_id: c.ext,
        });
        const sqlFile = tasks.sqlfile!.json as { tasks: Array<{ sql_task: { warehouse_id: string; file: { path: string } } }> };
        expect(sqlFile.tasks[0]!.sql_task.warehouse_id, dagId).toBe(c.ext);
        expect(sqlFile.tasks[0]!.sql_task.file.path, dagId).toBe(c.ext);
        expect(tasks.sqlquery!.sql, dagId).toBe(c.query);
        expect(tasks.sqlquery!.parameters, dagId).toEqual({ a: c.ext, b: around });
        expect((tasks.lakeflow!.json as Record<string, Record<string, unknown>>).pipeline_task!.pipeline_name, dagId).toBe(c.ext);
        expect(notifiers["on_failure_callback[0]"]!.to, dagId).toEqual([c.email]);
        expect(notifiers["on_success_callback[0]"]!.to, dagId).toEqual([c.ext]);
        expect(notifiers["on_failure_callback[0]"]!.subject, dagId).toBe(`[orchc] ${c.name} failed`);
        expect(nb.run_name, dagId).toBe(`${c.name}.nb`);
        expect(JSON.stringify(rendered.dags[dagId]), dagId).not.toContain(FILE_CONTENT);
      }
    });
  });
}
