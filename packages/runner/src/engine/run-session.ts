import { randomBytes } from "node:crypto";
import { OUTPUTS_DIR_ENV, readOutput } from "@orchc/dsl";
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join, relative, isAbsolute } from "node:path";
import { LineSplitter, type OutputPiece } from "../exec/line-splitter.js";
import { groupsOfTask, processesCarrying, signalGroup } from "../exec/process-groups.js";
import { maskPatterns, SecretMasker, type MaskPatterns } from "../exec/secret-masker.js";
import { SlotShell, type SlotResult } from "../exec/slot-shell.js";
import { outputsDirOf, taskScriptText, type OutputValues, type TaskScriptContext } from "../exec/task-script.js";
import type { RunPlan } from "../plan.js";
import type { Reporter } from "../report/reporter.js";
import type { AttemptOutcome, IterationStatus, RunEvent, RunStatus, TaskStatus } from "../store/run-events.js";
import type { Journal } from "../store/run-store.js";
import { forEachItems } from "./for-each-items.js";
import { startTimer, type LongTimer } from "./long-timer.js";
import { retryDelaySeconds } from "./retry-delay.js";
import { canStartChain, forEachVerdict, newChain, newTaskState, takeChain, type Chain, type TaskState } from "./task-work.js";
import { ReadyQueue } from "./task-priorities.js";
import { decideRule, notRunReason, type UpstreamOutcome } from "./trigger-rules.js";

export interface SessionConfig {
  readonly plan: RunPlan;
  readonly runId: string;
  readonly runDir: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly journal: Journal;
  readonly reporter: Reporter;
  readonly parallel: number;
  readonly selected: ReadonlySet<string>;
  /** Attempts already made per task in earlier sessions, so attempt numbers (and log files) go on. */
  readonly previousAttempts: ReadonlyMap<string, number>;
  readonly priorities: ReadonlyMap<string, number>;
  readonly script: TaskScriptContext;
  /** Every secret of the pipeline that is set (not only the selected tasks'): each is masked in all output. */
  readonly secretValues: ReadonlyArray<string | Buffer>;
  readonly timeoutSeconds: number | null;
  /** How long a task gets between SIGTERM and SIGKILL. */
  readonly killGraceMs: number;
  /** What tasks that succeeded in earlier sessions wrote for the tasks after them. */
  readonly outputs: OutputValues;
  /** Per for-each task, what earlier sessions of the run did with its iterations. */
  readonly earlierIterations: ReadonlyMap<string, EarlierIterations>;
}

export interface EarlierIterations {
  /** Index → the attempts that iteration made (numbers go on). */
  readonly attempts: ReadonlyMap<number, number>;
  /** Index → the item of an iteration that succeeded: kept when the list holds the same item there again. */
  readonly succeeded: ReadonlyMap<number, string>;
}

interface Stop {
  readonly status: RunStatus;
  readonly reason: string;
  /** What the attempts killed by this stop are recorded as. */
  readonly attemptOutcome: AttemptOutcome;
  readonly taskStatus: IterationStatus;
}

export interface SessionResult {
  readonly status: RunStatus;
  readonly reason: string | null;
}

const NEWLINE = Buffer.from("\n");

/** A piece of output as reporters show it: UTF-8 text, without the `\r` of a CRLF line end. */
function lineText(piece: OutputPiece): string {
  const text = piece.bytes.toString("utf8");
  return piece.endsLine && text.endsWith("\r") ? text.slice(0, -1) : text;
}

/** One session of a run: schedules the selected tasks on `parallel` slots until all are decided or the run is stopped. */
export class RunSession {
  readonly #config: SessionConfig;
  readonly #maskPatterns: MaskPatterns;
  readonly #states = new Map<string, TaskState>();
  readonly #children = new Map<string, string[]>();
  readonly #queue: ReadyQueue;
  readonly #idle: SlotShell[] = [];
  readonly #slots: SlotShell[] = [];
  readonly #busy = new Map<SlotShell, Chain>();
  /** What succeeded tasks wrote, earlier sessions' included: what later tasks' scripts are given. */
  readonly #outputs = new Map<string, Readonly<Record<string, string>>>();
  #undecided = 0;
  #retrying = 0;
  #ended = false;
  #stop: Stop | null = null;
  #killTimers: LongTimer[] = [];
  #pipelineTimer: LongTimer | null = null;
  #finish: (result: SessionResult) => void = () => {};
  /**
   * In every process of this session's tasks (ORCHC_RUNNER_TOKEN): unlike the run id, which two
   * runs of the same pipeline started in the same second in two folders share, it names this
   * session alone, so cleanup that finds processes by it never touches another runner's.
   */
  readonly #token = randomBytes(12).toString("hex");

  constructor(config: SessionConfig) {
    this.#config = config;
    for (const [task, values] of config.outputs) this.#outputs.set(task, values);
    this.#maskPatterns = maskPatterns(config.secretValues);
    const order = config.plan.tasks;
    this.#queue = new ReadyQueue((index) => config.priorities.get(order[index]!.id) ?? 0);
    order.forEach((task, index) => {
      for (const dependency of task.dependsOn) this.#children.set(dependency, [...(this.#children.get(dependency) ?? []), task.id]);
      if (!config.selected.has(task.id)) return;
      const waitingFor = task.dependsOn.filter((dependency) => config.selected.has(dependency)).length;
      this.#states.set(task.id, newTaskState(index, task, waitingFor));
    });
    this.#undecided = this.#states.size;
  }

  run(): Promise<SessionResult> {
    const result = new Promise<SessionResult>((resolve) => (this.#finish = resolve));
    // A for-each task may use as many slots as it runs iterations at once.
    const mostAtOnce = [...this.#states.values()].reduce((sum, state) => sum + state.limit, 0);
    const slotCount = Math.max(1, Math.min(this.#config.parallel, mostAtOnce));
    for (let slot = 0; slot < slotCount; slot++) {
      const shell = new SlotShell(this.#config.cwd, this.#slotEnv());
      this.#slots.push(shell);
      this.#idle.push(shell);
    }
    if (this.#config.timeoutSeconds !== null) {
      const seconds = this.#config.timeoutSeconds;
      this.#pipelineTimer = startTimer(seconds * 1000, () => this.stop({ status: "failed", reason: `the pipeline's timeout of ${seconds}s was reached`, attemptOutcome: "timed_out", taskStatus: "failed" }));
    }
    const ready: TaskState[] = [];
    for (const state of this.#states.values()) if (state.waitingFor === 0) ready.push(state);
    for (const [state, status, reason] of this.#decide(ready)) this.#finishTask(state, status, reason);
    this.#pump();
    this.#maybeEnd();
    return result;
  }

  /** Stops launching, terminates running tasks' process groups, and ends the session once they are gone. */
  stop(stop: Stop): void {
    if (this.#stop) {
      // Asked twice (a second Ctrl-C): no more grace.
      for (const slot of this.#busy.keys()) slot.signalTask("SIGKILL");
      return;
    }
    this.#stop = stop;
    this.#queue.clear();
    for (const state of this.#states.values()) {
      if (state.phase === "done") continue;
      // nextFresh === 0: no chain of it started.
      if (state.phase === "waiting" || state.nextFresh === 0) {
        // Every task of the session gets its record: one that will never start says why.
        this.#finishTask(state, "interrupted", `not started: ${stop.reason}`);
        continue;
      }
      // Iterations not started are left unrun; those between attempts end with the run. Running ones end as they are stopped.
      state.nextFresh = state.chains.length;
      const waitingForSlot = state.again.splice(0);
      for (const chain of state.chains) {
        if (chain.retryTimer === null) continue;
        chain.retryTimer.cancel();
        chain.retryTimer = null;
        this.#retrying--;
        this.#chainEnded(chain, stop.taskStatus, stop.reason);
      }
      for (const chain of waitingForSlot) this.#chainEnded(chain, "interrupted", `not started: ${stop.reason}`);
      // #chainEnded may have finished it already (status set).
      if (state.status === null && state.active === 0) this.#finishForEach(state);
    }
    for (const slot of this.#busy.keys()) slot.signalTask("SIGTERM");
    if (this.#busy.size > 0) this.#killTimers.push(startTimer(this.#config.killGraceMs, () => this.#busy.forEach((_state, slot) => slot.signalTask("SIGKILL"))));
    this.#maybeEnd();
  }

  #emit(event: RunEvent): void {
    this.#config.journal.append(event);
    this.#config.reporter.event(event);
  }

  #pump(): void {
    while (this.#stop === null && this.#idle.length > 0 && this.#queue.size > 0) {
      const state = this.#stateAt(this.#queue.pop()!);
      state.queued = false;
      const chain = takeChain(state);
      if (chain !== null) this.#start(chain, this.#idle.pop()!);
      this.#offer(state);
    }
  }

  /** Puts a ready task in the queue when it can start a chain (a for-each task stays there while it can start more). */
  #offer(state: TaskState): void {
    if (state.queued || this.#stop !== null || state.phase !== "ready" || !canStartChain(state)) return;
    state.queued = true;
    this.#queue.push(state.index);
  }

  #stateAt(index: number): TaskState {
    return this.#states.get(this.#config.plan.tasks[index]!.id)!;
  }

  #scriptPathOf(state: TaskState): string {
    if (state.scriptPath !== null) return state.scriptPath;
    const path = join(this.#config.runDir, "scripts", `${state.task.id}.sh`);
    writeFileSync(path, taskScriptText(state.task, this.#config.script, this.#outputs));
    // bash's `.` looks a name without a slash up on PATH, so relative paths start with ./
    const fromCwd = relative(this.#config.cwd, path);
    state.scriptPath = isAbsolute(fromCwd) || fromCwd.startsWith("..") ? path : `./${fromCwd}`;
    return state.scriptPath;
  }

  #start(chain: Chain, slot: SlotShell): void {
    const { state, iteration } = chain;
    const { task } = state;
    const attempt = ++chain.attempt;
    this.#busy.set(slot, chain);
    // Task ids hold no dot, so `<task>.<index>.<attempt>` never meets another task's `<task>.<attempt>`.
    const log = iteration === null ? `logs/${task.id}.${attempt}.log` : `logs/${task.id}.${iteration.index}.${attempt}.log`;
    const ofIteration = iteration === null ? {} : { iteration: iteration.index };
    // Created with the first line of output: most tasks of a large run print nothing.
    let logFd: number | null = null;
    // Secrets are masked in the byte stream, before it is cut into lines: the log and every reporter only see what is left.
    const masker = new SecretMasker(this.#maskPatterns);
    const lines = new LineSplitter();
    const startedAt = Date.now();
    let timedOut = false;
    let timeoutTimer: LongTimer | null = null;
    let killTimer: LongTimer | null = null;
    const write = (pieces: OutputPiece[]) => {
      if (pieces.length === 0) return;
      logFd ??= openSync(join(this.#config.runDir, log), "w");
      // The log keeps the bytes as printed (secrets masked); a line too long to hold is written in pieces that join up again.
      writeSync(logFd, Buffer.concat(pieces.flatMap((piece) => (piece.endsLine ? [piece.bytes, NEWLINE] : [piece.bytes]))));
      for (const piece of pieces) this.#config.reporter.output({ type: "output", task: task.id, attempt, ...ofIteration, line: lineText(piece) });
    };
    if (task.timeoutSeconds !== null) {
      timeoutTimer = startTimer(task.timeoutSeconds * 1000, () => {
        timedOut = true;
        slot.signalTask("SIGTERM");
        killTimer = startTimer(this.#config.killGraceMs, () => slot.signalTask("SIGKILL"));
      });
    }
    const scriptPath = this.#scriptPathOf(state);
    // Recorded before the task can start, so a crash never leaves a started task unrecorded.
    this.#emit({ type: "task_started", at: startedAt, task: task.id, attempt, pid: slot.pid, log, ...(iteration !== null && { iteration: iteration.index, item: iteration.item }) });
    void slot
      .run({
        scriptPath,
        attempt,
        item: iteration?.item ?? null,
        onOutput: (chunk) => write(lines.push(masker.push(chunk))),
      })
      .then((result) => {
        timeoutTimer?.cancel();
        killTimer?.cancel();
        write([...lines.push(masker.end()), ...lines.end()]);
        if (logFd !== null) closeSync(logFd);
        this.#busy.delete(slot);
        if (slot.alive) this.#idle.push(slot);
        else this.#replace(slot);
        if ("workerDied" in result) {
          // /proc shows environments as bytes; the item was written as UTF-8.
          const ofAttempt = iteration === null ? [] : [`ORCHC_ITEM=${Buffer.from(iteration.item, "utf8").toString("latin1")}`, `ORCHC_ATTEMPT=${attempt}`];
          for (const group of groupsOfTask(`ORCHC_RUNNER_TOKEN=${this.#token}`, task.id, ofAttempt)) signalGroup(group, "SIGKILL");
        }
        this.#attemptEnded(chain, attempt, startedAt, result, timedOut);
        this.#pump();
        this.#maybeEnd();
      });
  }

  /** What an attempt that exited 0 wrote for the tasks after it, checked against the declared types; null when it declares none. */
  #collectOutputs(state: TaskState, attempt: number): { values: Record<string, string> } | { problem: string } | null {
    const declared = state.task.outputs ?? [];
    if (declared.length === 0) return null;
    const folder = `${outputsDirOf(this.#config.script, state.task.id)}.${attempt}`;
    const values: Record<string, string> = {};
    for (const { name, type } of declared) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(folder, name));
      } catch {
        return { problem: `it exited 0 but did not write its output \`${name}\` (a file named ${name} in $${OUTPUTS_DIR_ENV})` };
      }
      const read = readOutput(type, bytes);
      if ("problem" in read) return { problem: `its output \`${name}\` ${read.problem}` };
      values[name] = read.value;
    }
    return { values };
  }

  #slotEnv(): NodeJS.ProcessEnv {
    return { ...this.#config.env, ORCHC_RUN_ID: this.#config.runId, ORCHC_RUNNER_TOKEN: this.#token };
  }

  /** A slot whose shell died (killed from outside) is replaced so the run can go on. */
  #replace(dead: SlotShell): void {
    if (this.#stop) return;
    const shell = new SlotShell(this.#config.cwd, this.#slotEnv());
    this.#slots[this.#slots.indexOf(dead)] = shell;
    this.#idle.push(shell);
  }

  #attemptEnded(chain: Chain, attempt: number, startedAt: number, result: SlotResult, timedOut: boolean): void {
    const { state } = chain;
    const { task } = state;
    const exitCode = "exitStatus" in result ? result.exitStatus : null;
    const collected = exitCode === 0 && !this.#stop ? this.#collectOutputs(state, attempt) : null;
    state.outputProblem = collected !== null && "problem" in collected ? collected.problem : null;
    state.outputs = collected !== null && "values" in collected ? collected.values : null;
    const outcome: AttemptOutcome = exitCode === 0 && state.outputProblem === null ? "success" : this.#stop ? this.#stop.attemptOutcome : timedOut ? "timed_out" : "failed";
    const at = Date.now();
    const ofIteration = chain.iteration === null ? {} : { iteration: chain.iteration.index };
    this.#emit({ type: "attempt_finished", at, task: task.id, attempt, outcome, exitCode, durationMs: at - startedAt, ...ofIteration });
    if (outcome === "success") return this.#chainEnded(chain, "success", null);
    if (this.#stop) return this.#chainEnded(chain, this.#stop.taskStatus, this.#stop.reason);
    // Each session (a resume included) gets the task's retries afresh; attempt numbers go on.
    const retriesLeft = attempt - chain.earlierAttempts <= task.retry.count;
    if (retriesLeft && (outcome !== "timed_out" || task.retry.onTimeout)) {
      const delaySeconds = retryDelaySeconds(task.retry, attempt);
      this.#emit({ type: "retry_scheduled", at, task: task.id, attempt: attempt + 1, delaySeconds, ...ofIteration });
      this.#retrying++;
      chain.retryTimer = startTimer(delaySeconds * 1000, () => {
        chain.retryTimer = null;
        this.#retrying--;
        state.again.push(chain);
        this.#offer(state);
        this.#pump();
      });
      return;
    }
    const why =
      state.outputProblem !== null
        ? state.outputProblem
        : outcome === "timed_out"
        ? `timed out after ${task.timeoutSeconds}s${retriesLeft ? " (retryOnTimeout is off)" : ""}`
        : exitCode === null
          ? "the runner's worker shell stopped"
          : `exit code ${exitCode}`;
    this.#chainEnded(chain, "failed", why);
  }

  /** A task that runs once ends with its chain; a for-each task once every iteration has (or the run stopped). */
  #chainEnded(chain: Chain, status: IterationStatus, reason: string | null): void {
    chain.status = status;
    chain.reason = reason;
    const { state, iteration } = chain;
    state.active--;
    if (iteration === null) return this.#finishTask(state, status, reason);
    this.#emit({ type: "iteration_finished", at: Date.now(), task: state.task.id, iteration: iteration.index, item: iteration.item, status, reason });
    // A stop sets nextFresh to the end: then the last running chain ends the task.
    if (state.active === 0 && state.nextFresh === state.chains.length) return this.#finishForEach(state);
    this.#offer(state);
  }

  #finishForEach(state: TaskState): void {
    // Stopped before every iteration succeeded: the task did not get to its verdict.
    if (this.#stop && state.chains.some((chain) => chain.status !== "success")) return this.#finishTask(state, this.#stop.taskStatus, this.#stop.reason);
    const { status, reason } = forEachVerdict(state);
    this.#finishTask(state, status, reason);
  }

  /**
   * What a task whose rule holds runs: null once it is ready (queued), else how it ends at once —
   * failed when it reads an output this run has none of or its list is not a JSON array of strings,
   * skipped when its list is empty, success when every iteration succeeded in an earlier session.
   */
  #prepare(state: TaskState): [TaskStatus, string | null] | null {
    const { task } = state;
    const unwritten = (task.reads ?? []).find((read) => this.#outputs.get(read.task)?.[read.name] === undefined);
    // Only when the writer is not part of this run (`--only`, `--from`): otherwise it ran first and succeeded.
    if (unwritten !== undefined) return ["failed", `it reads output \`${unwritten.name}\` of task \`${unwritten.task}\`, which this run has no value for: run \`${unwritten.task}\` too`];
    if (task.forEach === undefined) {
      state.chains = [newChain(state, null, this.#config.previousAttempts.get(task.id) ?? 0)];
    } else {
      const listed = forEachItems(task.forEach, this.#config.script.params, this.#outputs);
      if ("problem" in listed) return ["failed", listed.problem];
      if (listed.items.length === 0) return ["skipped", "its list is empty: no iteration to run"];
      const earlier = this.#config.earlierIterations.get(task.id);
      const kept = listed.items.flatMap((item, index) => (earlier?.succeeded.get(index) === item ? [index] : []));
      this.#emit({ type: "items_listed", at: Date.now(), task: task.id, items: listed.items, kept });
      const keptIndexes = new Set(kept);
      state.itemCount = listed.items.length;
      state.chains = listed.items.flatMap((item, index) => (keptIndexes.has(index) ? [] : [newChain(state, { index, item }, earlier?.attempts.get(index) ?? 0)]));
      if (state.chains.length === 0) return ["success", null];
    }
    state.phase = "ready";
    this.#offer(state);
    return null;
  }

  #finishTask(first: TaskState, firstStatus: TaskStatus, firstReason: string | null): void {
    // A worklist, not recursion: skipping a 10,000-task chain must not overflow the stack.
    const work: Array<[TaskState, TaskStatus, string | null]> = [[first, firstStatus, firstReason]];
    while (work.length > 0) {
      const [state, status, reason] = work.pop()!;
      state.phase = "done";
      state.status = status;
      this.#undecided--;
      const outputs = status === "success" ? state.outputs : null;
      if (outputs !== null) this.#outputs.set(state.task.id, outputs);
      this.#emit({ type: "task_finished", at: Date.now(), task: state.task.id, status, reason, ...(outputs !== null && { outputs }) });
      if (this.#stop) continue;
      const ready: TaskState[] = [];
      for (const childId of this.#children.get(state.task.id) ?? []) {
        const child = this.#states.get(childId);
        if (!child || child.phase !== "waiting") continue;
        if (--child.waitingFor === 0) ready.push(child);
      }
      for (const skipped of this.#decide(ready)) work.push(skipped);
    }
  }

  /** Queues the tasks whose rule holds; returns the others with how they end (skipped or upstream_failed by their rule, or what #prepare says). */
  #decide(ready: ReadonlyArray<TaskState>): Array<[TaskState, TaskStatus, string | null]> {
    const decided: Array<[TaskState, TaskStatus, string | null]> = [];
    for (const state of ready) {
      const upstream = state.task.dependsOn.map((id) => ({ id, outcome: this.#outcomeOf(id) }));
      const decision = decideRule(state.task.runIf, upstream.map((entry) => entry.outcome));
      if (decision !== "run") {
        decided.push([state, decision, notRunReason(state.task.runIf, upstream)]);
        continue;
      }
      const ended = this.#prepare(state);
      if (ended !== null) decided.push([state, ...ended]);
    }
    return decided;
  }

  /** Tasks outside this session (earlier successes, or not selected) count as succeeded. */
  #outcomeOf(id: string): UpstreamOutcome {
    const status = this.#states.get(id)?.status;
    if (status === undefined || status === null || status === "success") return "success";
    if (status === "skipped" || status === "upstream_failed") return status;
    return "failure";
  }

  #maybeEnd(): void {
    if (this.#ended || this.#busy.size > 0 || this.#retrying > 0) return;
    if (this.#stop === null && this.#undecided > 0) return;
    this.#ended = true;
    for (const timer of this.#killTimers) timer.cancel();
    this.#pipelineTimer?.cancel();
    for (const slot of this.#slots) slot.close();
    this.#stopEscapedProcesses();
    this.#finish(this.#stop ? { status: this.#stop.status, reason: this.#stop.reason } : this.#verdict());
  }

  /**
   * A process that left its task's process group (setsid, a daemon) is not waited for: its task
   * ended with its main process. When the session ends it is stopped (SIGTERM), found by the token
   * every process of the session carries (Linux: /proc), as CI runners stop a job's leftovers.
   */
  #stopEscapedProcesses(): void {
    const slots = new Set(this.#slots.map((slot) => slot.pid));
    for (const { pid } of processesCarrying([`ORCHC_RUNNER_TOKEN=${this.#token}`])) {
      if (pid <= 1 || pid === process.pid || slots.has(pid)) continue;
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        /* gone meanwhile */
      }
    }
  }

  #verdict(): SessionResult {
    const failed = (status: TaskStatus) => [...this.#states.values()].filter((state) => state.status === status);
    const listed = (states: ReadonlyArray<TaskState>) => states.map((state) => state.task.id).join(", ");
    const critical = failed("failed").filter((state) => !state.task.optional);
    if (critical.length > 0) return { status: "failed", reason: `failed: ${listed(critical)}` };
    const optional = failed("failed");
    // Only optional tasks failed, yet a critical task could not run because of one: the critical work was not done.
    const notRun = failed("upstream_failed").filter((state) => !state.task.optional);
    if (notRun.length > 0) return { status: "failed", reason: `upstream failed: ${listed(notRun.slice(0, 5))}${notRun.length > 5 ? ` and ${notRun.length - 5} more` : ""} (after optional ${listed(optional)} failed)` };
    if (optional.length > 0) return { status: "partial", reason: `only optional tasks failed: ${listed(optional)}` };
    return { status: "success", reason: null };
  }
}
