// Secrets on Airflow, judged by real Airflow: a DAG whose tasks read a secret (alone, and mixed
// with text and a param in one env value) runs under dag.test(); each task proves it received the
// exact value (by its hash), while Airflow's rendered_task_instance_fields rows, the task logs and
// every file Airflow wrote (metadata DB, task log files) hold no trace of the value. Tasks run as a
// worker runs them (an executor, a task process, Airflow 3's Execution API), since task logs are
// masked on that path. The Variable's key does not sound sensitive, so Airflow's own key-name
// masking does not help.
import { compile, type LoadedPipeline } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { airflowMissingReason, airflowPython, hermeticAirflowEnv, type AirflowMajor, type DagTestResult } from "./airflow-env.js";

const SECRET = "orchc-s3cret {{ ds }} {% raw %} $(id) 'q' \"dq\" \\ end";
const KEY = "orchc_plain_setting";
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
/**
 * Hashes the variable's value in bash and fails unless it is the expected one: the value itself is
 * never written. Then prints it, last: the log check reads it, and a BashOperator would push its
 * last output line to XCom, unmasked, were it not off for tasks that read secrets.
 */
const hashIs = (variable: string, text: string) => `test "$(printf '%s' "$${variable}" | sha256sum | cut -c1-64)" = ${sha256(text)}\nprintf 'seen:%s\\n' "$${variable}"`;

function secretDag(id: string): LoadedPipeline[] {
  const spec = {
    id,
    params: { flag: { type: "boolean", default: true } },
    secrets: { token: { key: KEY, env: "TOKEN_A" } },
    tasks: [
      { id: "in_command", action: { kind: "shell", command: { $template: [`${hashIs("TOKEN_A", SECRET)}\n: `, { $secret: "token" }] } } },
      { id: "in_env", after: ["in_command"], action: { kind: "shell", command: hashIs("MIXED", `pre-${SECRET}-true`) }, env: { MIXED: { $template: ["pre-", { $secret: "token" }, "-", { $param: "flag" }] }, PLAIN: "x" } },
      { id: "optional_secret", after: ["in_env"], action: { kind: "shell", command: hashIs("ONLY", SECRET) }, env: { ONLY: { $secret: "token" } }, optional: true },
    ],
  };
  return [{ file: "/project/pipeline.json", projectRoot: "/project", exportName: "default", spec }];
}

const filesUnder = (path: string): string[] => (statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => filesUnder(join(path, name))) : [path]);

/** The files under a folder that hold the text (UTF-8 bytes). */
const filesHolding = (folder: string, text: string): string[] => filesUnder(folder).filter((file) => readFileSync(file).includes(Buffer.from(text, "utf8")));

/** A part of the secret no other text in a run contains. */
const NEEDLE = SECRET.slice(0, 14);

/** A free TCP port on localhost. */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/** Runs a command in its own process group and ends the whole group afterwards: executor workers must not outlive the run. */
function runInGroup(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const killGroup = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // the group is gone
      }
    };
    const timer = setTimeout(killGroup, timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      killGroup();
      resolveRun({ status, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") });
    });
  });
}

/**
 * Airflow 3 workers fetch Variables and report state through the Execution API: the run uses a
 * real `airflow api-server` (started here, stopped by its pid) so tasks run as a worker runs them,
 * in a task process whose logs go through the supervisor into log files.
 */
async function startApiServer(python: string, env: NodeJS.ProcessEnv): Promise<{ env: NodeJS.ProcessEnv; stop(): void }> {
  const migrate = spawnSync(python, ["-m", "airflow", "db", "migrate"], { env, encoding: "utf8", timeout: 240_000 });
  expect(migrate.status, migrate.stderr.slice(-3000)).toBe(0);
  // run-dag-test.py's stamp: this home is migrated.
  writeFileSync(join(env.AIRFLOW_HOME!, ".orchc-db-migrated"), `${python}\n${env.AIRFLOW__DATABASE__SQL_ALCHEMY_CONN}\n`);
  const port = await freePort();
  const withServer = { ...env, AIRFLOW__CORE__EXECUTION_API_SERVER_URL: `http://127.0.0.1:${port}/execution/` };
  const server = spawn(python, ["-m", "airflow", "api-server", "--host", "127.0.0.1", "--port", String(port)], { env: withServer, stdio: "ignore", detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  for (let waited = 0; ; waited += 1000) {
    const up = await fetch(`http://127.0.0.1:${port}/api/v2/monitor/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { env: withServer, stop };
    if (waited > 120_000 || server.exitCode !== null) {
      stop();
      throw new Error(`airflow api-server did not start on port ${port}`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
  }
}

for (const major of [3, 2] as AirflowMajor[]) {
  const python = airflowPython(major);
  if (python === null) console.warn(airflowMissingReason(major));
  describe.skipIf(python === null)(`secrets at rest on Airflow ${major === 3 ? "3.3" : "2.10"}`, () => {
    const folder = mkdtempSync(join(tmpdir(), "orchc-secret-dag-"));
    const airflowEnv = hermeticAirflowEnv();
    let stopServer = () => {};
    afterAll(() => {
      stopServer();
      rmSync(folder, { recursive: true, force: true });
      airflowEnv.cleanup();
    });

    it("tasks run as on a worker get the exact value; rendered fields, task logs, the DB and every file Airflow wrote hold none of it", async () => {
      const result = compile({ loaded: secretDag("secret_dag"), target: targets.airflow, environment: null, options: { airflowVersion: major }, orchcVersion: "0.0.0-test" });
      expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
      const file = join(folder, "secret_dag.py");
      writeFileSync(file, result.files[0]!.contents);
      expect(result.files[0]!.contents).not.toContain(SECRET);
      // The executor starts `airflow tasks run` (2.10) or task processes by name: the venv's bin first.
      // One task at a time (chained, one executor slot): parallel task processes writing one SQLite
      // file could lock each other out and leave the run waiting.
      let env: NodeJS.ProcessEnv = { ...airflowEnv.env, PATH: `${dirname(python!)}:${airflowEnv.env.PATH}`, AIRFLOW__CORE__PARALLELISM: "1", [`AIRFLOW_VAR_${KEY.toUpperCase()}`]: SECRET };
      if (major === 3) {
        const server = await startApiServer(python!, env);
        stopServer = server.stop;
        env = server.env;
      }
      const script = join(dirname(fileURLToPath(import.meta.url)), "run-dag-test.py");
      const run = await runInGroup(python!, [script, file, "secret_dag", "--use-executor"], env, 240_000);
      stopServer();
      expect(run.status, run.stderr.slice(-4000)).toBe(0);
      const outcome = JSON.parse(run.stdout) as DagTestResult & { tasks: Record<string, { rendered_fields: unknown }> };
      // The task orchc adds after the optional task (it reads no secret) logs too.
      const logs = filesUnder(join(airflowEnv.home, "logs")).filter((path) => !path.includes("orchc_optional_end")).map((path) => readFileSync(path, "utf8"));
      const states = Object.fromEntries(Object.entries(outcome.tasks).map(([id, task]) => [id, task.state]));
      expect(states, `${logs.join("\n").slice(-4000)}\n${run.stderr.slice(-4000)}`).toEqual({
        in_command: "success",
        in_env: "success",
        optional_secret: "success",
        // What orchc adds after an optional task that ends the DAG (status-watcher.ts).
        orchc_optional_end: "success",
        orchc_watcher: "skipped",
      });
      // Rendered fields were recorded (the row exists, with the env it rendered) and hold no secret.
      expect(outcome.tasks.in_env!.rendered_fields).toMatchObject({ env: { PLAIN: "x" } });
      expect(JSON.stringify(outcome.tasks)).not.toContain(NEEDLE);
      // Each task printed the value; its log file shows the mask instead.
      expect(logs).toHaveLength(3);
      for (const log of logs) expect(log).toMatch(/seen:(?:pre-)?\*\*\*(?:-true)?(?=\s|")/);
      // (Not asserted: the console of this harness process, where 3.3's dag.test() echoes task output
      // unmasked for every Variable, even one whose key Airflow itself deems sensitive.)
      expect(filesHolding(airflowEnv.home, NEEDLE)).toEqual([]);
    });
  });
}
