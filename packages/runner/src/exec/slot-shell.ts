import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { childrenOf, signalGroup } from "./process-groups.js";

/**
 * One long-lived bash per slot runs that slot's tasks. Spawning from Node costs ~4 ms per process
 * on its main thread; a shell that forks a subshell per task costs well under 1 ms. With job
 * control on (`set -m`) each task's subshell leads its own process group, so a timeout stops the
 * task with everything it started, and whatever it leaves running is stopped when it ends. The
 * end marker carries a random nonce, so it cannot be told apart from the task's output by chance,
 * and the task's pid, so Node can clean up the group with one syscall instead of a shell `kill`.
 */
const SLOT_LOOP = String.raw`
set -m
__orchc_nonce=$1
while IFS=' ' read -r __orchc_attempt __orchc_script; do
  ( ORCHC_ATTEMPT=$__orchc_attempt; export ORCHC_ATTEMPT; . "$__orchc_script" ) </dev/null 2>&1 &
  wait "$!"
  printf '\0%s E %s %s\n' "$__orchc_nonce" "$?" "$!"
done
`;

export interface SlotJob {
  /** A path bash can source: absolute, or relative with a slash in it. */
  readonly scriptPath: string;
  readonly attempt: number;
  readonly onOutput: (chunk: Buffer) => void;
}

/** How the task's process ended: its exit status as bash's `wait` reports it (128 + n for signal n). */
export type SlotResult = { readonly exitStatus: number } | { readonly workerDied: true };

interface CurrentJob {
  readonly job: SlotJob;
  readonly finish: (result: SlotResult) => void;
  /** A signal asked for before the task's process could be found (it is retried). */
  pendingSignal: NodeJS.Signals | null;
  retry: NodeJS.Timeout | null;
  /** Once the task was signalled, what it leaves behind gets no second chance. */
  stopping: boolean;
}

export class SlotShell {
  readonly #child: ChildProcess;
  readonly #marker: Buffer;
  #pending: Buffer = Buffer.alloc(0);
  #current: CurrentJob | null = null;
  #alive = true;

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    const nonce = randomBytes(12).toString("hex");
    this.#marker = Buffer.from(`\0${nonce} `, "latin1");
    // detached: a terminal's Ctrl-C reaches the runner, which decides what the tasks get.
    this.#child = spawn("bash", ["--noprofile", "--norc", "-c", SLOT_LOOP, "orchc-slot", nonce], { cwd, env, stdio: ["pipe", "pipe", "ignore"], detached: true });
    this.#child.stdout!.on("data", (chunk: Buffer) => this.#read(chunk));
    this.#child.stdin!.on("error", () => {});
    this.#child.on("exit", () => {
      this.#alive = false;
      const current = this.#current;
      this.#current = null;
      if (current?.retry) clearTimeout(current.retry);
      current?.finish({ workerDied: true });
    });
    this.#child.on("error", () => {
      this.#alive = false;
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** The slot's shell: the task's process group is that of its one child. */
  get pid(): number {
    return this.#child.pid ?? -1;
  }

  run(job: SlotJob): Promise<SlotResult> {
    if (this.#current) throw new Error("internal: slot is busy");
    return new Promise((resolve) => {
      if (!this.#alive) return resolve({ workerDied: true });
      this.#current = { job, finish: resolve, pendingSignal: null, retry: null, stopping: false };
      this.#child.stdin!.write(`${job.attempt} ${job.scriptPath}\n`);
    });
  }

  /**
   * Sends a signal to the running task's whole process group. The group is looked up only now
   * (signals are rare; every task's pid would cost a message); if the shell has not forked the
   * task yet, the signal is sent as soon as it has.
   */
  signalTask(signal: NodeJS.Signals): void {
    const current = this.#current;
    if (!current) return;
    current.stopping = true;
    const [task] = childrenOf(this.pid);
    if (task !== undefined && signalGroup(task, signal)) {
      current.pendingSignal = null;
      return;
    }
    current.pendingSignal = signal;
    current.retry ??= setTimeout(() => {
      current.retry = null;
      if (this.#current === current && current.pendingSignal) this.signalTask(current.pendingSignal);
    }, 20);
  }

  close(): void {
    this.#child.stdin!.end();
  }

  #read(chunk: Buffer): void {
    let buffer = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    for (;;) {
      const at = buffer.indexOf(this.#marker);
      if (at < 0) {
        const keep = this.#possibleMarkerStart(buffer);
        this.#emit(buffer.subarray(0, keep));
        this.#pending = Buffer.from(buffer.subarray(keep));
        return;
      }
      const end = buffer.indexOf(0x0a, at + this.#marker.length);
      this.#emit(buffer.subarray(0, at));
      if (end < 0) {
        this.#pending = Buffer.from(buffer.subarray(at));
        return;
      }
      this.#onMarker(buffer.subarray(at + this.#marker.length, end).toString("latin1"));
      buffer = buffer.subarray(end + 1);
    }
  }

  /** Where a marker may have begun at the end of the buffer (kept back until more arrives), else its length. */
  #possibleMarkerStart(buffer: Buffer): number {
    const from = Math.max(0, buffer.length - this.#marker.length + 1);
    for (let index = buffer.indexOf(0, from); index >= 0; index = buffer.indexOf(0, index + 1)) {
      if (this.#marker.subarray(0, buffer.length - index).equals(buffer.subarray(index))) return index;
    }
    return buffer.length;
  }

  #emit(bytes: Buffer): void {
    if (bytes.length > 0) this.#current?.job.onOutput(bytes);
  }

  #onMarker(text: string): void {
    const current = this.#current;
    const [kind, status, pid] = text.split(" ");
    if (!current || kind !== "E") return;
    this.#current = null;
    if (current.retry) clearTimeout(current.retry);
    // Whatever the task left running in its group goes with it, as a CI job's leftovers do.
    signalGroup(Number(pid), current.stopping ? "SIGKILL" : "SIGTERM");
    current.finish({ exitStatus: Number(status) });
  }
}
