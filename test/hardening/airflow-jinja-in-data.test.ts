// Class: Jinja rendered in values that are data (Airflow target). Every value that lands in a field
// Airflow renders — compute ids, cluster settings, a SQL file's warehouse id, notification
// addresses, `.airflow({ cwd })`, and `{{`/`{%`/`{#` formed only by two concat parts or a part and
// a param — renders to exactly the data, never to a Variable, a connection or a syntax error.
// (Real Airflow renders the same fields in test/conformance/airflow/hostile-dags.test.ts.)
import { describe, expect, it } from "vitest";
import { dagSource, fieldsOf, jinjaAvailable, renderAirflowModules } from "./airflow-render.js";

const LEAK = "{{ var.value.api_key }}";
const CONN = "{{ conn.warehouse.password }}";


const spec = {
  params: { fmt: { type: "string", default: "json" } },
  notify: { onFailure: { email: [LEAK] } },
  compute: {
    cluster: { kind: "cluster", sparkVersion: LEAK, nodeType: CONN },
    existing: { kind: "existingCluster", id: LEAK },
    wh: { kind: "warehouse", id: CONN },
  },
  tasks: [
    { id: "split", action: { kind: "shell", command: "true" }, env: { TWO_PARTS: { $template: ["{", "{ var.value.api_key }}"] }, AROUND: { $template: ["--format={", { $param: "fmt" }, "}"] }, TAG: { $template: ["{", "% raw %}"] } } },
    { id: "over", action: { kind: "shell", command: "true" }, overrides: { airflow: { cwd: LEAK } } },
    { id: "nb", action: { kind: "notebook", path: "n", params: { a: { $template: ["{", "{ ds }}"] }, b: { $template: ["{", { $param: "fmt" }, "}"] }, c: { $template: ["{", "# c #}"] } } }, compute: "cluster" },
    { id: "spark", action: { kind: "sparkPython", file: "f.py" }, compute: "existing" },
    { id: "sqlfile", action: { kind: "sql", file: "q.sql", warehouse: "wh" } },
  ],
};

describe.skipIf(!jinjaAvailable)("airflow: Jinja in data renders as the data", () => {
  for (const airflowVersion of [3, 2] as const) {
    it(`Airflow ${airflowVersion}: every templated field renders to the value written, and no template is evaluated`, () => {
      const [module] = renderAirflowModules([dagSource("data", spec, airflowVersion)], airflowVersion);
      expect(module!.errors).toEqual([]);
      expect(fieldsOf(module!, "split").env).toEqual({ TWO_PARTS: LEAK, AROUND: "--format={json}", TAG: "{% raw %}" });
      expect(fieldsOf(module!, "over").cwd).toBe(LEAK);
      const nb = fieldsOf(module!, "nb").json as { notebook_task: { base_parameters: unknown }; new_cluster: Record<string, unknown> };
      expect(nb.notebook_task.base_parameters).toEqual({ a: "{{ ds }}", b: "{json}", c: "{# c #}" });
      expect(nb.new_cluster).toMatchObject({ spark_version: LEAK, node_type_id: CONN });
      expect((fieldsOf(module!, "spark").json as Record<string, unknown>).existing_cluster_id).toBe(LEAK);
      const sqlFile = fieldsOf(module!, "sqlfile").json as { tasks: Array<{ sql_task: { warehouse_id: string } }> };
      expect(sqlFile.tasks[0]!.sql_task.warehouse_id).toBe(CONN);
      expect(fieldsOf(module!, "SmtpNotifier").to).toEqual([LEAK]);
    });
  }
});
