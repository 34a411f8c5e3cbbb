// The list of Jinja-rendered fields that the unit-level every-string-position test reads Airflow
// files by must hold every field the installed Airflow and provider classes render.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { AIRFLOW_TEMPLATE_FIELDS } from "../../hardening/live-expressions.js";
import { airflowMissingReason, airflowPython, hermeticAirflowEnv, type AirflowMajor } from "./airflow-env.js";

const CLASSES: Readonly<Record<string, string>> = {
  BashOperator: "airflow.providers.standard.operators.bash",
  DatabricksSubmitRunOperator: "airflow.providers.databricks.operators.databricks",
  DatabricksSqlOperator: "airflow.providers.databricks.operators.databricks_sql",
  SmtpNotifier: "airflow.providers.smtp.notifications.smtp",
};

for (const major of [3, 2] as AirflowMajor[]) {
  const python = airflowPython(major);
  if (python === null) console.warn(airflowMissingReason(major));
  describe.skipIf(python === null)(`Airflow ${major}: the fields each class renders`, () => {
    it("are all in the list the every-string-position test reads DAG files by", () => {
      const airflowEnv = hermeticAirflowEnv();
      try {
        const script = `import importlib, json, sys\nclasses = json.loads(sys.argv[1])\nprint(json.dumps({name: list(getattr(importlib.import_module(module), name).template_fields) for name, module in classes.items()}))`;
        const run = spawnSync(python!, ["-c", script, JSON.stringify(CLASSES)], { env: airflowEnv.env, encoding: "utf8", timeout: 120_000 });
        expect(run.status, run.stderr.slice(-2000)).toBe(0);
        const real = JSON.parse(run.stdout.trim().split("\n").pop()!) as Record<string, string[]>;
        expect(Object.keys(real).sort()).toEqual(Object.keys(AIRFLOW_TEMPLATE_FIELDS).sort());
        for (const [name, fields] of Object.entries(real)) for (const field of fields) expect(AIRFLOW_TEMPLATE_FIELDS[name], `${name}.${field}`).toContain(field);
      } finally {
        airflowEnv.cleanup();
      }
    });
  });
}
