// Class: secrets stored in clear (Airflow target). Airflow keeps every rendered templated field
// (rendered_task_instance_fields, shown in the UI) and masks a Variable there only when its key
// sounds secret; so no secret may pass through a templated field. Shell tasks read secrets in the
// task process (pre_execute) and register them with the secret masker; Databricks tasks pass a
// Databricks secret reference, resolved where they run; SQL query parameters refuse secrets.
// (Real Airflow, RTIF rows and task logs: test/conformance/airflow/secrets-at-rest.test.ts.)
import { describe, expect, it } from "vitest";
import { buildAirflow, fieldsOf, jinjaAvailable, renderAirflowModules, SPEC_FILE as FILE } from "./airflow-render.js";

const build = (spec: Record<string, unknown>, airflowVersion: 2 | 3 = 3) => buildAirflow("secrets", spec, airflowVersion);
const errorsOf = (result: ReturnType<typeof build>) => result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");

const spec = {
  params: { flag: { type: "boolean", default: true } },
  secrets: { token: { key: "plain_setting", env: "TOKEN" }, scoped: { key: "k", scope: "s" } },
  compute: { c: { kind: "existingCluster", id: "x" } },
  tasks: [
    { id: "command", action: { kind: "shell", command: { $template: ["curl -H ", { $secret: "token" }] } } },
    { id: "env", action: { kind: "shell", command: "true" }, env: { ONLY: { $secret: "token" }, MIXED: { $template: ["a-", { $secret: "token" }, "-", { $param: "flag" }] }, PLAIN: "p" } },
    { id: "nb", action: { kind: "notebook", path: "/n", params: { key: { $secret: "scoped" }, mixed: { $template: ["x", { $secret: "scoped" }] } } }, compute: "c" },
  ],
};

describe("airflow: no secret passes through a rendered field", () => {
  for (const airflowVersion of [3, 2] as const) {
    it.skipIf(!jinjaAvailable)(`Airflow ${airflowVersion}: templated fields name no Variable; the task reads its secrets in pre_execute`, () => {
      const result = build(spec, airflowVersion);
      expect(errorsOf(result)).toEqual([]);
      const source = result.files[0]!.contents;
      const [module] = renderAirflowModules([source], airflowVersion);
      // Rendering with no `var` or `conn` in the context succeeds: no field reads one.
      expect(module!.errors).toEqual([]);
      expect(fieldsOf(module!, "env").env).toEqual({ PLAIN: "p" });
      expect(fieldsOf(module!, "command").env).toBeUndefined();
      expect((fieldsOf(module!, "nb").json as { notebook_task: { base_parameters: unknown } }).notebook_task.base_parameters).toEqual({ key: "{{secrets/s/k}}", mixed: "x{{secrets/s/k}}" });
      expect(source).not.toMatch(/var\.value|\{\{ *var/);
      expect(source).toContain("pre_execute=orchc_secret_env(");
      // Its last output line would be an unmasked XCom.
      expect(source.match(/do_xcom_push=False/g)).toHaveLength(2);
      expect(source).toContain(airflowVersion === 3 ? "from airflow.sdk.log import mask_secret" : "from airflow.utils.log.secrets_masker import mask_secret");
    });
  }

  it("a secret without a Databricks scope in a Databricks task, or in SQL query parameters, is ORC301 at the secret", () => {
    const unscoped = build({ secrets: { token: { key: "k" } }, compute: { c: { kind: "existingCluster", id: "x" } }, tasks: [{ id: "nb", action: { kind: "notebook", path: "/n", params: { a: { $secret: "token" } } }, compute: "c" }] });
    expect(errorsOf(unscoped).map(({ code, subject }) => [code, subject?.file, subject?.taskId, subject?.path])).toEqual([["ORC301", FILE, "nb", ["secrets", "token"]]]);
    const query = build({ secrets: { token: { key: "k", scope: "s" } }, compute: { wh: { kind: "warehouse", id: "w" } }, tasks: [{ id: "q", action: { kind: "sql", query: "select :a", warehouse: "wh", params: { a: { $secret: "token" } } } }] });
    expect(errorsOf(query).map(({ code, subject }) => [code, subject?.taskId])).toEqual([["ORC301", "q"]]);
  });
});
