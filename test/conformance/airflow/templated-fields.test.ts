// The table the Airflow target escapes by (which arguments each class renders, and which endings
// it reads as template files) is the installed Airflow's own: compared with template_fields and
// template_ext of the real classes in 3.3 and 2.10. A provider that starts rendering another
// argument fails here, before a value could become a live template.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { TEMPLATING } from "../../../packages/targets/src/airflow/templated-fields.js";
import { airflowMissingReason, airflowPython, hermeticAirflowEnv, type AirflowMajor } from "./airflow-env.js";

const READ = (major: AirflowMajor) => `
import json
${major === 3 ? "from airflow.providers.standard.operators.bash import BashOperator" : "from airflow.operators.bash import BashOperator"}
from airflow.providers.databricks.operators.databricks import DatabricksSubmitRunOperator
from airflow.providers.databricks.operators.databricks_sql import DatabricksSqlOperator
from airflow.providers.smtp.notifications.smtp import SmtpNotifier
${major === 3 ? "from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator" : "from airflow.operators.trigger_dagrun import TriggerDagRunOperator"}
print(json.dumps({c.__name__: {"fields": sorted(c.template_fields), "ext": sorted(c.template_ext)} for c in (BashOperator, DatabricksSubmitRunOperator, DatabricksSqlOperator, SmtpNotifier, TriggerDagRunOperator)}))
`;

for (const major of [3, 2] as AirflowMajor[]) {
  const python = airflowPython(major);
  if (python === null) console.warn(airflowMissingReason(major));
  describe.skipIf(python === null)(`templated fields on Airflow ${major === 3 ? "3.3" : "2.10"}`, () => {
    it("every class orchc emits renders exactly the fields, and reads exactly the file endings, the target escapes for", () => {
      const airflowEnv = hermeticAirflowEnv();
      try {
        const run = spawnSync(python!, ["-c", READ(major)], { env: airflowEnv.env, encoding: "utf8", timeout: 120_000 });
        expect(run.status, run.stderr.slice(-2000)).toBe(0);
        const real = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Record<string, { fields: string[]; ext: string[] }>;
        const ours = Object.fromEntries(Object.entries(TEMPLATING).map(([name, entry]) => [name, { fields: [...entry.fields[major]].sort(), ext: [...entry.ext].sort() }]));
        expect(ours).toEqual(real);
      } finally {
        airflowEnv.cleanup();
      }
    });
  });
}
