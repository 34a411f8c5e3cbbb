// Renders the templated fields of a generated DAG module with Jinja2, the way Airflow renders them,
// without Airflow: Python's ast reads each operator and notifier call, TEMPLATING (the table the
// target escapes by, which test/conformance/airflow/templated-fields.test.ts checks against real
// Airflow) says which arguments Airflow renders, and every string in them, however deep, is
// rendered with a sandboxed Jinja2 environment (StrictUndefined, as Airflow's). A string that ends
// in the class's template_ext is reported instead: Airflow would read a file of that name.
// The real-Airflow proof is test/conformance/airflow/hostile-dags.test.ts; this is its fast twin.
import { compile, type LoadedPipeline } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import { spawnSync } from "node:child_process";
import { TEMPLATING } from "../../packages/targets/src/airflow/templated-fields.js";

const RENDER = String.raw`
import ast, json, sys
import jinja2, jinja2.sandbox

request = json.load(sys.stdin)
templating = request["templating"]
env = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do"], cache_size=0)
out = []
for source in request["sources"]:
    tree = ast.parse(source)
    params = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "params" and isinstance(node.value, ast.Dict):
            for key, value in zip(node.value.keys, node.value.values):
                if isinstance(value, ast.Call) and value.args:
                    params[ast.literal_eval(key)] = ast.literal_eval(value.args[0])
    found = {"calls": [], "template_files": [], "errors": []}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) in templating):
            continue
        spec = templating[node.func.id]
        keywords = {keyword.arg: keyword.value for keyword in node.keywords}
        name = ast.literal_eval(keywords["task_id"]) if "task_id" in keywords else node.func.id
        retries = ast.literal_eval(keywords["retries"]) if "retries" in keywords else 0
        context = {"params": params, "ti": {"try_number": 1}, "task": {"retries": retries}}

        def render(value, where):
            if isinstance(value, str):
                if value.endswith(tuple(spec["ext"])):
                    found["template_files"].append({"call": name, "field": where, "value": value})
                    return value
                try:
                    return env.from_string(value).render(context)
                except Exception as error:
                    found["errors"].append({"call": name, "field": where, "error": f"{type(error).__name__}: {error}"})
                    return None
            if isinstance(value, list):
                return [render(item, where) for item in value]
            if isinstance(value, dict):
                return {key: render(item, where) for key, item in value.items()}
            return value

        fields = {}
        for field, value in keywords.items():
            if field in spec["fields"]:
                fields[field] = render(ast.literal_eval(value), field)
        found["calls"].append({"call": node.func.id, "name": name, "fields": fields})
    out.append(found)
print(json.dumps(out))
`;

export interface RenderedCall {
  readonly call: string;
  /** task_id, or the class name for a notifier. */
  readonly name: string;
  readonly fields: Record<string, unknown>;
}
export interface RenderedModule {
  readonly calls: RenderedCall[];
  /** Strings Airflow would take for template file names. */
  readonly template_files: Array<{ call: string; field: string; value: string }>;
  /** Jinja errors (TemplateSyntaxError, UndefinedError…) by field. */
  readonly errors: Array<{ call: string; field: string; error: string }>;
}

/** Whether python3 with Jinja2 is here (Airflow's venvs have it; so do most machines). */
export const jinjaAvailable = spawnSync("python3", ["-c", "import jinja2"]).status === 0;

export function renderAirflowModules(sources: ReadonlyArray<string>, airflowVersion: 2 | 3 = 3): RenderedModule[] {
  const templating = Object.fromEntries(Object.entries(TEMPLATING).map(([name, entry]) => [name, { fields: entry.fields[airflowVersion], ext: entry.ext }]));
  const run = spawnSync("python3", ["-c", RENDER], { input: JSON.stringify({ sources, templating }), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as RenderedModule[];
}

/** The rendered fields of one task (or notifier) of a module. */
export function fieldsOf(module: RenderedModule, name: string): Record<string, unknown> {
  const found = module.calls.find((call) => call.name === name);
  if (!found) throw new Error(`no call named ${name}`);
  return found.fields;
}

export const SPEC_FILE = "/project/pipeline.json";

/** One pipeline (plain-object spec, id given) compiled for Airflow. */
export function buildAirflow(id: string, spec: Record<string, unknown>, airflowVersion: 2 | 3 = 3) {
  const loaded: LoadedPipeline[] = [{ file: SPEC_FILE, projectRoot: "/project", exportName: "default", spec: { id, ...spec } }];
  return compile({ loaded, target: targets.airflow, environment: null, options: { airflowVersion }, orchcVersion: "0.0.0-test" });
}

/** The DAG module of a pipeline that must compile without errors. */
export function dagSource(id: string, spec: Record<string, unknown>, airflowVersion: 2 | 3): string {
  const result = buildAirflow(id, spec, airflowVersion);
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`).join("\n"));
  return result.files[0]!.contents;
}
