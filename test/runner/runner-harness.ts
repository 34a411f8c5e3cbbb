// Runs the standalone runner (the file `orchc build --target local` writes) as real processes:
// real bash, real signals, real clocks. Tests describe a plan in a few lines, run it in a temp folder
// under .cache/runner-tests/, and read back exit codes, output, files the tasks wrote and the journal.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import type { ParamValue, PlanForEach, PlanParam, PlanRetry, PlanTask, PlanValuePart, RunIfRule, RunPlan } from "../../packages/runner/src/plan.js";
import type { OutputEvent, RunEvent } from "../../packages/runner/src/store/run-events.js";
import { replayJournal, type RunRecord } from "../../packages/runner/src/store/run-record.js";
import { RunStore } from "../../packages/runner/src/store/run-store.js";
import { RUNNER_SOURCE } from "../../packages/targets/src/local/runner-source.generated.js";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const testsRoot = join(repoRoot, ".cache", "runner-tests");
export const cliBin = join(repoRoot, "packages", "cli", "bin", "orchc.js");

// ---------------------------------------------------------------------------------------------
// Plans from compact specs
// ---------------------------------------------------------------------------------------------

/** A task as a test states it: only what matters, the rest defaults to a plain task. A string is just the script. */
export interface TaskSpec {
  readonly script: string;
  readonly after?: string | ReadonlyArray<string>;
  readonly retries?: number;
  readonly delay?: number;
  readonly backoff?: PlanRetry["backoff"];
  readonly maxDelay?: number | null;
  readonly retryOnTimeout?: boolean;
  readonly timeout?: number | null;
  readonly runIf?: RunIfRule;
  readonly optional?: boolean;
  /** A plain string is one text part. */
  readonly env?: Readonly<Record<string, string | ReadonlyArray<PlanValuePart>>>;
  readonly secrets?: ReadonlyArray<string>;
  readonly workingDir?: string | null;
  readonly outputs?: PlanTask["outputs"];
  readonly reads?: PlanTask["reads"];
  readonly forEach?: PlanForEach;
}

export interface ParamSpec {
  readonly type?: PlanParam["type"];
  /** Omitted: "" for strings; null: the param must be given. */
  readonly default?: ParamValue | null;
  readonly values?: ReadonlyArray<string>;
}

export interface PlanOptions {
  readonly params?: Readonly<Record<string, ParamSpec>>;
  /** Secret name → the environment variable holding it. */
  readonly secrets?: Readonly<Record<string, string>>;
  readonly maxConcurrentRuns?: number | null;
  readonly parallel?: number | null;
  readonly timeoutSeconds?: number | null;
}

function taskOf(id: string, spec: TaskSpec | string): PlanTask {
  const task = typeof spec === "string" ? { script: spec } : spec;
  const after = task.after === undefined ? [] : typeof task.after === "string" ? [task.after] : [...task.after];
  return {
    id,
    description: null,
    group: null,
    script: task.script,
    env: Object.entries(task.env ?? {}).map(([name, value]) => ({ name, value: typeof value === "string" ? [{ text: value }] : [...value] })),
    workingDir: task.workingDir ?? null,
    dependsOn: after,
    retry: {
      count: task.retries ?? 0,
      delaySeconds: task.delay ?? 0,
      backoff: task.backoff ?? "fixed",
      maxDelaySeconds: task.maxDelay ?? null,
      onTimeout: task.retryOnTimeout ?? false,
    },
    timeoutSeconds: task.timeout ?? null,
    runIf: task.runIf ?? "allSuccess",
    optional: task.optional ?? false,
    secrets: [...(task.secrets ?? [])],
    ...(task.outputs && { outputs: task.outputs }),
    ...(task.reads && { reads: task.reads }),
    ...(task.forEach && { forEach: task.forEach }),
  };
}

/** A RunPlan; tasks must be listed after their dependencies (the plan's topological order). */
export function makePlan(id: string, tasks: Readonly<Record<string, TaskSpec | string>>, options: PlanOptions = {}): RunPlan {
  const planTasks = Object.entries(tasks).map(([taskId, spec]) => taskOf(taskId, spec));
  const seen = new Set<string>();
  for (const task of planTasks) {
    for (const dependency of task.dependsOn) if (!seen.has(dependency)) throw new Error(`test plan: ${task.id} depends on ${dependency}, which is not listed before it`);
    seen.add(task.id);
  }
  return {
    version: 1,
    pipeline: { id, name: id, description: null, source: "test/runner/inline.ts" },
    environment: null,
    environments: [],
    params: Object.entries(options.params ?? {}).map(([name, spec]) => {
      const type = spec.type ?? "string";
      return { name, type, default: spec.default === undefined ? (type === "string" ? "" : null) : spec.default, values: spec.values ? [...spec.values] : null, description: null };
    }),
    secrets: Object.entries(options.secrets ?? {}).map(([name, env]) => ({ name, env })),
    tasks: planTasks,
    timeoutSeconds: options.timeoutSeconds ?? null,
    maxConcurrentRuns: options.maxConcurrentRuns ?? null,
    parallel: options.parallel ?? null,
    inert: [],
  };
}

/**
 * The engine the runner files embed. ORCHC_TEST_RUNNER_SOURCE names a file holding another engine
 * bundle (an older commit's, say), to see a regression test fail on the code before a fix.
 */
const ENGINE = process.env.ORCHC_TEST_RUNNER_SOURCE ? readFileSync(process.env.ORCHC_TEST_RUNNER_SOURCE, "utf8") : RUNNER_SOURCE;

/** The standalone runner file, exactly as the local target lays it out. */
export const runnerFileText = (plan: RunPlan): string => `#!/usr/bin/env node\nconst ORCHC_PLAN = ${JSON.stringify(plan)};\n${ENGINE}`;

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

export interface RunResult {
  /** Exit code, or null when the process was ended by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From spawn to exit. */
  readonly wallMs: number;
}

export interface SpawnOptions {
  readonly cwd: string;
  /** Added to the environment; undefined removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const everySpawned = new Set<ChildProcess>();

export class RunningProcess {
  readonly child: ChildProcess;
  readonly startedAt = performance.now();
  readonly done: Promise<RunResult>;
  #stdout = "";
  #stderr = "";
  #exited = false;

  constructor(command: string, args: ReadonlyArray<string>, options: SpawnOptions) {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    // A grace or run id from the environment vitest runs in must not leak into the runner under test.
    delete env.ORCHC_KILL_GRACE_SECONDS;
    delete env.ORCHC_RUN_ID;
    delete env.GITHUB_ACTIONS;
    for (const [name, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    this.child = spawn(command, [...args], { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    everySpawned.add(this.child);
    this.child.stdout!.setEncoding("utf8").on("data", (text: string) => (this.#stdout += text));
    this.child.stderr!.setEncoding("utf8").on("data", (text: string) => (this.#stderr += text));
    this.done = new Promise((resolve, reject) => {
      this.child.on("error", reject);
      // "close": the process has exited and its pipes are drained.
      this.child.on("close", (code, signal) => {
        this.#exited = true;
        everySpawned.delete(this.child);
        resolve({ code, signal, stdout: this.#stdout, stderr: this.#stderr, wallMs: performance.now() - this.startedAt });
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get stdout(): string {
    return this.#stdout;
  }

  get stderr(): string {
    return this.#stderr;
  }

  get exited(): boolean {
    return this.#exited;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Polls until `condition` holds; fails early (with the output so far) if the process exits first. */
  async waitFor<T>(condition: () => T | null | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const value = condition();
      if (value !== null && value !== undefined && value !== false) return value;
      if (this.#exited) throw new Error(`process exited before ${what}\nstdout:\n${this.#stdout}\nstderr:\n${this.#stderr}`);
      if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nstdout:\n${this.#stdout}\nstderr:\n${this.#stderr}`);
      await sleep(20);
    }
  }
}

/** Runs the `orchc` CLI in `cwd` to its end, with `env` added to the environment. */
export function orchc(args: ReadonlyArray<string>, cwd: string, env: SpawnOptions["env"] = {}): Promise<RunResult> {
  return new RunningProcess(process.execPath, [cliBin, ...args], { cwd, env }).done;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls a condition without a process to watch. */
export async function waitUntil<T>(condition: () => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value !== null && value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------
// /proc: whether processes still run (a zombie no one reaps counts as gone)
// ---------------------------------------------------------------------------------------------

interface ProcStat {
  readonly pid: number;
  readonly state: string;
  readonly pgrp: number;
}

function procStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // `pid (comm) state ppid pgrp …`; comm may hold spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { pid, state: fields[0]!, pgrp: Number(fields[2]) };
}

const running = (stat: ProcStat | null): boolean => stat !== null && stat.state !== "Z" && stat.state !== "X";

/** Whether the process exists and is not a zombie. */
export const isRunning = (pid: number): boolean => running(procStat(pid));

/** Waits briefly for processes to be gone (a signalled process exits a moment later); returns those still running. */
export async function stillRunning(pids: ReadonlyArray<number>, timeoutMs = 2_000): Promise<number[]> {
  for (const pid of pids) if (!Number.isInteger(pid) || pid <= 1) throw new Error(`not a pid: ${pid}`);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const left = pids.filter(isRunning);
    if (left.length === 0 || performance.now() > deadline) return left;
    await sleep(25);
  }
}

/** Waits briefly for a process group to empty; returns its members still running. */
export async function groupRemaining(pgid: number, timeoutMs = 2_000): Promise<number[]> {
  if (!Number.isInteger(pgid) || pgid <= 1) throw new Error(`not a process group id: ${pgid}`);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const left = runningInGroup(pgid);
    if (left.length === 0 || performance.now() > deadline) return left;
    await sleep(25);
  }
}

/** Shell that writes the task's own process group id to a file: where the runner's signals go. */
export const recordGroup = (file: string): string => `cut -d' ' -f5 /proc/$BASHPID/stat > ${file}`;

/** Pids of the processes of a process group that still run. */
export function runningInGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat && stat.pgrp === pgid && running(stat)) pids.push(stat.pid);
  }
  return pids;
}

/** The ORCHC_RUN_ID a process was started with (the runner puts it in every slot's environment). */
function runIdOfProcess(pid: number): string | null {
  try {
    const entry = readFileSync(`/proc/${pid}/environ`, "latin1")
      .split("\0")
      .find((variable) => variable.startsWith("ORCHC_RUN_ID="));
    return entry === undefined ? null : entry.slice("ORCHC_RUN_ID=".length);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Sandboxes: one temp folder per test, holding the runner file, the run store and task outputs
// ---------------------------------------------------------------------------------------------

const everySandbox: Sandbox[] = [];

export class Sandbox {
  readonly dir: string;
  readonly runner: string;
  #plan: RunPlan;

  constructor(plan: RunPlan, label: string) {
    mkdirSync(testsRoot, { recursive: true });
    this.dir = mkdtempSync(join(testsRoot, `${label.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40)}-`));
    this.runner = join(this.dir, "run.mjs");
    this.#plan = plan;
    this.writePlan(plan);
  }

  get plan(): RunPlan {
    return this.#plan;
  }

  /** Rewrites the runner file (a pipeline that changed between runs). */
  writePlan(plan: RunPlan): void {
    this.#plan = plan;
    writeFileSync(this.runner, runnerFileText(plan));
  }

  get store(): string {
    return join(this.dir, ".orchc", "runs");
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  write(file: string, text = ""): void {
    mkdirSync(dirname(this.path(file)), { recursive: true });
    writeFileSync(this.path(file), text);
  }

  read(file: string): string {
    return readFileSync(this.path(file), "utf8");
  }

  readBytes(file: string): Buffer {
    return readFileSync(this.path(file));
  }

  exists(file: string): boolean {
    return existsSync(this.path(file));
  }

  /** The number a task wrote to a file once it is whole (`cut … > file` creates the file before writing it), else null. */
  number(file: string): number | null {
    if (!this.exists(file)) return null;
    const text = this.read(file);
    return /^\d+\n$/.test(text) ? Number(text) : null;
  }

  /** Lines of a file tasks append to; [] when no task wrote it. */
  lines(file: string): string[] {
    return this.exists(file)
      ? this.read(file)
          .split("\n")
          .filter((line) => line !== "")
      : [];
  }

  /** Starts `node run.mjs …` in the sandbox. */
  start(args: ReadonlyArray<string> = [], env: SpawnOptions["env"] = {}): RunningProcess {
    return new RunningProcess(process.execPath, [this.runner, ...args], { cwd: this.dir, env });
  }

  run(args: ReadonlyArray<string> = [], env: SpawnOptions["env"] = {}): Promise<RunResult> {
    return this.start(args, env).done;
  }

  /** Run ids in the default store, newest first. */
  runIds(): string[] {
    return new RunStore(this.store).runIds();
  }

  latestRunId(): string | null {
    return this.runIds()[0] ?? null;
  }

  runDir(runId: string): string {
    return join(this.store, runId);
  }

  /** The journal's records; a torn last line is left out, as the runner does. */
  events(runId = this.mustLatest()): RunEvent[] {
    const path = join(this.runDir(runId), "journal.jsonl");
    if (!existsSync(path)) return [];
    return readFileSync(path, "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as RunEvent];
        } catch {
          return [];
        }
      });
  }

  record(runId = this.mustLatest()): RunRecord {
    const record = replayJournal(readFileSync(join(this.runDir(runId), "journal.jsonl"), "utf8"));
    if (!record) throw new Error(`run ${runId} has an empty journal`);
    return record;
  }

  /** The first journal record of the newest run that matches, or null (for waitFor). */
  findEvent<T extends RunEvent["type"]>(type: T, match: (event: Extract<RunEvent, { type: T }>) => boolean = () => true): Extract<RunEvent, { type: T }> | null {
    const runId = this.latestRunId();
    if (runId === null) return null;
    for (const event of this.events(runId)) if (event.type === type && match(event as Extract<RunEvent, { type: T }>)) return event as Extract<RunEvent, { type: T }>;
    return null;
  }

  /**
   * Processes of this sandbox's runs that still run: the runner gives every process it starts
   * (slot shells, tasks, whatever they start) ORCHC_RUN_ID in its environment. Knows nothing of
   * how the runner arranges its processes, so it holds however that changes.
   */
  processesOf(runId?: string): number[] {
    const runIds = new Set(runId === undefined ? this.runIds() : [runId]);
    if (runIds.size === 0) return [];
    const pids: number[] = [];
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      const pid = Number(name);
      if (pid === process.pid || !isRunning(pid)) continue;
      const owner = runIdOfProcess(pid);
      if (owner !== null && runIds.has(owner)) pids.push(pid);
    }
    return pids;
  }

  /** Waits (briefly: exiting takes a process a moment after its signal) until no process of the run runs; returns those still running. */
  async remainingProcesses(runId?: string, timeoutMs = 3_000): Promise<number[]> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const pids = this.processesOf(runId);
      if (pids.length === 0 || performance.now() > deadline) return pids;
      await sleep(25);
    }
  }

  /** Stops every process a run of this sandbox left behind (tasks of a SIGKILLed runner). */
  stopLeftovers(): void {
    if (!existsSync(this.store)) return;
    for (const pid of this.processesOf()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone meanwhile */
      }
    }
  }

  #cleanup(): void {
    this.stopLeftovers();
    if (process.env.ORCHC_KEEP_TEST_DIRS === undefined) rmSync(this.dir, { recursive: true, force: true });
  }

  static cleanupAll(): void {
    for (const child of everySpawned) child.kill("SIGKILL");
    for (const sandbox of everySandbox.splice(0)) sandbox.#cleanup();
  }

  private mustLatest(): string {
    const runId = this.latestRunId();
    if (runId === null) throw new Error(`no run in ${this.store}`);
    return runId;
  }
}

/** Registers cleanup for the calling test file and returns a sandbox factory. */
export function useSandboxes(): (plan: RunPlan, label?: string) => Sandbox {
  afterAll(() => {
    Sandbox.cleanupAll();
  });
  return (plan, label = plan.pipeline.id) => {
    const sandbox = new Sandbox(plan, label);
    everySandbox.push(sandbox);
    return sandbox;
  };
}

/** A temp project folder (for `orchc run`), removed after the file's tests; call it while tests are collected, not in a hook. */
export function tempDir(label: string): string {
  mkdirSync(testsRoot, { recursive: true });
  const dir = mkdtempSync(join(testsRoot, `${label}-`));
  afterAll(() => {
    for (const child of everySpawned) child.kill("SIGKILL");
    if (process.env.ORCHC_KEEP_TEST_DIRS === undefined) rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Reading results
// ---------------------------------------------------------------------------------------------

export type JsonLine = RunEvent | OutputEvent | { readonly type: "plan" | "dry_run"; readonly [key: string]: unknown };

/** `--json` output, one object per line; throws on a line that is not JSON. */
export function jsonLines(stdout: string): JsonLine[] {
  return stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      try {
        return JSON.parse(line) as JsonLine;
      } catch {
        throw new Error(`--json printed a line that is not JSON: ${JSON.stringify(line)}`);
      }
    });
}

/** Each task's final status in a run. */
export function statuses(record: RunRecord): Record<string, string | null> {
  return Object.fromEntries([...record.tasks.values()].map((task) => [task.id, task.status]));
}

/** Milliseconds between an attempt's end and the next attempt's start, per retry. */
export function retryGaps(events: ReadonlyArray<RunEvent>, task: string): number[] {
  const finished = events.filter((event): event is Extract<RunEvent, { type: "attempt_finished" }> => event.type === "attempt_finished" && event.task === task);
  const started = events.filter((event): event is Extract<RunEvent, { type: "task_started" }> => event.type === "task_started" && event.task === task);
  return finished.flatMap((end) => {
    const next = started.find((start) => start.attempt === end.attempt + 1);
    return next ? [next.at - end.at] : [];
  });
}

export function eventsOf<T extends RunEvent["type"]>(events: ReadonlyArray<RunEvent>, type: T, task?: string): Array<Extract<RunEvent, { type: T }>> {
  return events.filter((event) => event.type === type && (task === undefined || (event as { task?: string }).task === task)) as Array<Extract<RunEvent, { type: T }>>;
}

/** What a run printed, for assertion messages. */
export const outputOf = (result: Pick<RunResult, "stdout" | "stderr" | "code">): string => `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
