// Class: values read as template FILES (Airflow target). Airflow takes a string in a templated
// field that ends in the operator's template_ext (`.sh`/`.bash` for BashOperator, `.sql` for
// DatabricksSqlOperator, `.json-tpl` for DatabricksSubmitRunOperator) for the name of a template
// file, nested strings included. No value orchc writes there ends so; each renders as written.
// (Real Airflow, with such files present in the DAGs folder: test/conformance/airflow/hostile-dags.test.ts.)
import { describe, expect, it } from "vitest";
import { dagSource, fieldsOf, jinjaAvailable, renderAirflowModules } from "./airflow-render.js";


const spec = {
  params: { p: { type: "string", default: "x" } },
  compute: { wh: { kind: "warehouse", id: "abc.sql" }, cluster: { kind: "cluster", sparkVersion: "15.4.x.json-tpl", nodeType: "n" } },
  tasks: [
    { id: "env", action: { kind: "shell", command: "scripts/backup.sh" }, env: { LOAD: "load.sh", BACKUP: "scripts/backup.sh", BASH: { $template: [{ $param: "p" }, ".bash"] } }, workingDir: "dir.sh" },
    { id: "over", action: { kind: "shell", command: "true" }, overrides: { airflow: { cwd: "other.bash" } } },
    { id: "query", action: { kind: "sql", query: "select 1 -- see q.sql", warehouse: "wh", params: { file: "daily.sql" } } },
    { id: "nb", action: { kind: "notebook", path: "notebooks/n.json-tpl", params: { template: "t.json-tpl" } }, compute: "cluster" },
  ],
};

describe.skipIf(!jinjaAvailable)("airflow: values ending in a template extension are not read as files", () => {
  for (const airflowVersion of [3, 2] as const) {
    it(`Airflow ${airflowVersion}: no templated string ends in its class's template_ext, and each renders as written`, () => {
      const [module] = renderAirflowModules([dagSource("files", spec, airflowVersion)], airflowVersion);
      expect(module!.template_files).toEqual([]);
      expect(module!.errors).toEqual([]);
      const env = fieldsOf(module!, "env");
      expect(env.env).toEqual({ LOAD: "load.sh", BACKUP: "scripts/backup.sh", BASH: "x.bash" });
      expect(env.cwd).toBe("dir.sh");
      // The command itself keeps a trailing space: Airflow would otherwise run the rendered command as a script file.
      expect(env.bash_command).toBe("set -euo pipefail\nscripts/backup.sh ");
      expect(fieldsOf(module!, "over").cwd).toBe("other.bash");
      expect(fieldsOf(module!, "query")).toMatchObject({ sql: "select 1 -- see q.sql", parameters: { file: "daily.sql" } });
      const nb = fieldsOf(module!, "nb").json as { notebook_task: Record<string, unknown>; new_cluster: Record<string, unknown> };
      expect(nb.notebook_task).toMatchObject({ notebook_path: "notebooks/n.json-tpl", base_parameters: { template: "t.json-tpl" } });
      expect(nb.new_cluster.spark_version).toBe("15.4.x.json-tpl");
    });
  }
});
