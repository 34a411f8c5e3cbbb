// Runs real Apache Airflow (the venvs scripts/provision-airflow.sh makes) from vitest: each call
// is its own Python process in a throwaway AIRFLOW_HOME, and answers with the JSON the Python
// scripts beside this file print.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type AirflowMajor = 2 | 3;

const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = resolve(here, "..", "..", "..");

/** Where provision-airflow.sh puts each major's venv. */
export const airflowVenvs: Readonly<Record<AirflowMajor, string>> = {
  3: join(repoRoot, ".tools", "airflow-3.3"),
  2: join(repoRoot, ".tools", "airflow-2.10"),
};

/**
 * The venv's python, or null when that venv is not (completely) provisioned. The stamp is
 * written only after a whole install, so a half-built venv counts as missing.
 */
export function airflowPython(major: AirflowMajor): string | null {
  const venv = airflowVenvs[major];
  const python = join(venv, "bin", "python");
  return existsSync(python) && existsSync(join(venv, ".orchc-provision-stamp")) ? python : null;
}

/** Why airflowPython(major) is null, as a line to print beside a skipped suite. */
export function airflowMissingReason(major: AirflowMajor): string {
  const command = major === 3 ? "scripts/provision-airflow.sh" : "AIRFLOW_MAJOR=2 scripts/provision-airflow.sh";
  return `Airflow ${major === 3 ? "3.3" : "2.10"} venv not provisioned at ${airflowVenvs[major]}: run \`${command}\``;
}

export interface HermeticAirflowEnv {
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  cleanup(): void;
}

/**
 * A fresh AIRFLOW_HOME and an environment that points Airflow only at it: a SQLite DB inside it
 * (created on first dag.test(), by run-dag-test.py), no example DAGs, no plugins, and none of the
 * developer's own AIRFLOW_* or PYTHON* settings, so results do not depend on the machine.
 */
export function hermeticAirflowEnv(): HermeticAirflowEnv {
  const home = mkdtempSync(join(tmpdir(), "orchc-airflow-home-"));
  mkdirSync(join(home, "plugins"));
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(AIRFLOW|PYTHON|VIRTUAL_ENV$|_AIRFLOW)/.test(name)) env[name] = value;
  }
  Object.assign(env, {
    AIRFLOW_HOME: home,
    AIRFLOW__CORE__LOAD_EXAMPLES: "False",
    AIRFLOW__CORE__PLUGINS_FOLDER: join(home, "plugins"),
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: `sqlite:///${join(home, "airflow.db")}`,
    AIRFLOW__LOGGING__COLORED_CONSOLE_LOG: "False",
    // Importing DAG files must not leave __pycache__ in fixture or output folders.
    PYTHONDONTWRITEBYTECODE: "1",
    PYTHONUNBUFFERED: "1",
    NO_COLOR: "1",
  });
  return { env, home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export interface InspectedTask {
  operator: string;
  upstream: string[];
  downstream: string[];
  retries: number;
  retry_delay_seconds: number | null;
  /** 2.10: boolean; 3.3: the multiplier as written (True stays true; the scheduler reads it as 2.0). */
  retry_exponential_backoff: boolean | number | null;
  max_retry_delay_seconds: number | null;
  execution_timeout_seconds: number | null;
  trigger_rule: string;
  task_group: string | null;
  bash_command: string | null;
  env: Record<string, string> | null;
  append_env: boolean | null;
  skip_on_exit_code: number[] | null;
  /** A mapped task (`.partial(...).expand(...)`), which runs once per item. */
  mapped: boolean;
  max_active_tis_per_dagrun: number | null;
  /** A TriggerDagRunOperator's run to start and how it waits; absent on other operators. */
  trigger?: {
    trigger_dag_id: string;
    conf: Record<string, unknown> | null;
    wait_for_completion: boolean;
    poke_interval: number;
    allowed_states: string[] | null;
    failed_states: string[] | null;
    /** null where the operator has no such argument (Airflow 2.10's core one). */
    fail_when_dag_is_paused: boolean | null;
    module: string;
  };
}

export interface InspectedParam {
  default: unknown;
  has_default: boolean;
  description: string | null;
  schema: Record<string, unknown>;
}

export interface InspectedDag {
  fileloc: string;
  /** The schedule argument when it was a string; null for none; "<Class>" / "timedelta:N" otherwise. */
  schedule: string | null;
  timetable: {
    class: string;
    summary: string | null;
    description: string | null;
    expression: string | null;
    timezone: string | null;
    periodic: boolean | null;
  };
  timezone: string;
  max_active_runs: number;
  dagrun_timeout_seconds: number | null;
  catchup: boolean;
  is_paused_upon_creation: boolean | null;
  tags: string[];
  params: Record<string, InspectedParam>;
  tasks: Record<string, InspectedTask>;
}

export interface InspectResult {
  airflow_version: string;
  /** Keyed by path relative to the DAGs folder. */
  import_errors: Record<string, string>;
  warnings: Record<string, string[]>;
  dags: Record<string, InspectedDag>;
}

export interface TaskTry {
  try_number: number;
  state: string | null;
  start_date: string | null;
  end_date: string | null;
}

export interface DagTestTask {
  state: string | null;
  try_number: number;
  max_tries: number;
  start_date: string | null;
  end_date: string | null;
  duration: number | null;
  /** Earlier attempts (3.x records them; 2.10's dag.test() does not) and then the last one. */
  tries: TaskTry[];
}

export interface DagTestResult {
  airflow_version: string;
  dag_id: string;
  state: string | null;
  elapsed_seconds: number;
  /** Traceback when dag.test() itself raised (2.10 on an execution_timeout); the run stays "running". */
  aborted: string | null;
  tasks: Record<string, DagTestTask>;
}

export interface RunOptions {
  /** Reuse one home across calls (run-dag-test.py then migrates its DB once); default: a fresh one per call. */
  readonly airflowEnv?: HermeticAirflowEnv;
  /** Milliseconds before the Python process is killed. */
  readonly timeoutMs?: number;
}

export async function inspectDags(dagsFolder: string, major: AirflowMajor, options: RunOptions = {}): Promise<InspectResult> {
  return runScript<InspectResult>(major, "inspect_dags.py", [resolve(dagsFolder)], options);
}

export async function runDagTest(
  file: string,
  dagId: string,
  major: AirflowMajor,
  conf?: Record<string, unknown>,
  options: RunOptions = {},
): Promise<DagTestResult> {
  const args = [resolve(file), dagId];
  if (conf !== undefined) args.push("--conf", JSON.stringify(conf));
  return runScript<DagTestResult>(major, "run-dag-test.py", args, options);
}

interface ProcessResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

async function runScript<T>(major: AirflowMajor, script: string, args: string[], options: RunOptions): Promise<T> {
  const python = airflowPython(major);
  if (python === null) throw new Error(airflowMissingReason(major));
  const airflowEnv = options.airflowEnv ?? hermeticAirflowEnv();
  const command = [python, join(here, script), ...args];
  try {
    const result = await run(command, airflowEnv.env, options.timeoutMs ?? 300_000);
    const describe = () =>
      `${command.map(quote).join(" ")}\n` +
      `exit ${result.status ?? "none"}${result.signal ? ` (signal ${result.signal})` : ""}${result.timedOut ? " after timing out" : ""}\n` +
      `--- stdout ---\n${tail(result.stdout)}\n--- stderr (last lines) ---\n${tail(result.stderr)}`;
    if (result.status !== 0) throw new Error(`Airflow ${major} ${script} failed:\n${describe()}`);
    try {
      return JSON.parse(result.stdout) as T;
    } catch (error) {
      throw new Error(`Airflow ${major} ${script} printed no JSON (${(error as Error).message}):\n${describe()}`);
    }
  } finally {
    if (options.airflowEnv === undefined) airflowEnv.cleanup();
  }
}

function run(command: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const [file, ...args] = command as [string, ...string[]];
    const child = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    // The process group, so a task's bash and sleeps go too.
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolvePromise({
        status,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        timedOut,
      });
    });
  });
}

function tail(text: string, lines = 60): string {
  const all = text.trimEnd().split("\n");
  return all.length > lines ? `[... ${all.length - lines} lines]\n${all.slice(-lines).join("\n")}` : all.join("\n");
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
