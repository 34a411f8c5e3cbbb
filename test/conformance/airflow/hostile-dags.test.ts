// DAGs generated from hostile strings, loaded by real Airflow 3.3 and their templated fields
// rendered with the DAG's own Jinja environment: every value arrives byte for byte, and no `{{`
// or `{%` of the user's became a template.
import { compile } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { hostileValues, specOf, type Values } from "../../hardening/hostile-corpus.js";
import { airflowMissingReason, airflowPython, hermeticAirflowEnv } from "./airflow-env.js";

const CASES = Number(process.env.HOSTILE_DAGS ?? 60);
const SEED = process.env.HOSTILE_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.HOSTILE_SEED);
const python = airflowPython(3);
if (python === null) console.warn(airflowMissingReason(3));

describe.skipIf(python === null)(`${CASES} DAGs from hostile strings in real Airflow (seed ${SEED}; HOSTILE_SEED replays)`, () => {
  const folder = mkdtempSync(join(tmpdir(), "orchc-hostile-dags-"));
  const airflowEnv = hermeticAirflowEnv();
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    airflowEnv.cleanup();
  });

  it("load with no import error, and render every env value, param and command exactly", () => {
    const cases = fc.sample(hostileValues, { numRuns: CASES, seed: SEED });
    const byDag = new Map<string, Values>();
    cases.forEach((values, index) => {
      const [loaded] = specOf(values, "shell");
      const spec = { ...(loaded!.spec as Record<string, unknown>), id: `hostile_${index}` };
      const result = compile({ loaded: [{ ...loaded!, spec }], target: targets.airflow, environment: null, options: {}, orchcVersion: "0.0.0-test" });
      expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
      writeFileSync(join(folder, `hostile_${index}.py`), result.files[0]!.contents);
      byDag.set(`hostile_${index}`, values);
    });
    const script = join(dirname(fileURLToPath(import.meta.url)), "render_templates.py");
    const run = spawnSync(python!, [script, folder], { env: airflowEnv.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
    expect(run.status, run.stderr.slice(-3000)).toBe(0);
    const rendered = JSON.parse(run.stdout) as { import_errors: Record<string, string>; dags: Record<string, Record<string, { env: Record<string, string>; bash_command: string }>> };
    expect(rendered.import_errors).toEqual({});
    expect(Object.keys(rendered.dags).sort()).toEqual([...byDag.keys()].sort());
    for (const [dagId, values] of byDag) {
      const tasks = rendered.dags[dagId]!;
      expect(tasks.t!.env.E, dagId).toBe(values.envValue);
      expect(tasks.t!.env.ORCHC_PARAM_p, dagId).toBe(values.paramDefault);
      // An empty command is just the prologue.
      expect(tasks.literal!.bash_command, dagId).toBe(values.commandText === "" ? "set -euo pipefail" : `set -euo pipefail\n${values.commandText}`);
    }
  });
});
