import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { signalGroup } from "./process-groups.js";

/**
 * One long-lived bash per slot runs that slot's tasks. Spawning from Node costs ~4 ms per process
 * on its main thread; a shell that forks a subshell per task costs well under 1 ms. With job
 * control on (`set -m`) each task's subshell leads its own process group, so a timeout stops the
 * task with everything it started, and whatever it leaves running is stopped when it ends.
 *
 * What the runner believes about a task travels on the shell's fd 3, which the task's subshell
 * does not have (`3>&-`; it is a socket, so not reopenable through /proc either): `S <pid>` once
 * the task is forked, `E <status>` once it has ended. Output on stdout only ever is output. After
 * the status, the shell prints a marker with a nonce sent for this job only (on stdin, never in an
 * argv or environment), which says the task's output has all been read; a task that printed it
 * anyway could at most cut its own output short, never change a status or aim a signal.
 *
 * An iteration of a for-each task gets its item the same way, as one NUL-terminated field after a
 * field saying there is one (an empty item is an item), and finds it in ORCHC_ITEM byte for byte:
 * it never passes through an argv, a script file or a shell parser.
 */
const SLOT_LOOP = String.raw`
set -m
while IFS= read -r -d '' __orchc_nonce && IFS= read -r -d '' __orchc_attempt && IFS= read -r -d '' __orchc_each && IFS= read -r -d '' __orchc_item && IFS= read -r -d '' __orchc_script; do
  ( unset __orchc_nonce; ORCHC_ATTEMPT=$__orchc_attempt; export ORCHC_ATTEMPT
    if [ "$__orchc_each" = 1 ]; then ORCHC_ITEM=$__orchc_item; export ORCHC_ITEM; fi; unset __orchc_each __orchc_item
    . "$__orchc_script" ) </dev/null 2>&1 3>&- &
  printf 'S %s\n' "$!" >&3
  wait "$!"
  printf 'E %s\n' "$?" >&3
  printf '\0%s\n' "$__orchc_nonce"
done
`;

export interface SlotJob {
  /** A path bash can source: absolute, or relative with a slash in it. */
  readonly scriptPath: string;
  readonly attempt: number;
  /** The iteration's item (ORCHC_ITEM), or null for a task that runs once. Holds no NUL. */
  readonly item: string | null;
  readonly onOutput: (chunk: Buffer) => void;
}

/** How the task's process ended: its exit status as bash's `wait` reports it (128 + n for signal n). */
export type SlotResult = { readonly exitStatus: number } | { readonly workerDied: true };

interface CurrentJob {
  readonly job: SlotJob;
  readonly finish: (result: SlotResult) => void;
  /** `\0<nonce>\n`: printed by the shell after the task's status, when its output is all out. */
  readonly marker: Buffer;
  /** The task's process (and group) id, as the shell's fork gave it; null until the shell says. */
  pid: number | null;
  exitStatus: number | null;
  drained: boolean;
  /** A signal asked for before the task's pid was known: sent as soon as it is. */
  pendingSignal: NodeJS.Signals | null;
  /** Once the task was signalled, what it leaves behind gets no second chance. */
  stopping: boolean;
}

export class SlotShell {
  readonly #child: ChildProcess;
  readonly #status: Readable;
  #pending: Buffer = Buffer.alloc(0);
  #statusText = "";
  #current: CurrentJob | null = null;
  #alive = true;

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    // detached: a terminal's Ctrl-C reaches the runner, which decides what the tasks get.
    this.#child = spawn("bash", ["--noprofile", "--norc", "-c", SLOT_LOOP, "orchc-slot"], { cwd, env, stdio: ["pipe", "pipe", "ignore", "pipe"], detached: true });
    this.#status = this.#child.stdio[3] as Readable;
    this.#child.stdout!.on("data", (chunk: Buffer) => this.#read(chunk));
    this.#status.on("data", (chunk: Buffer) => this.#readStatus(chunk));
    this.#child.stdin!.on("error", () => {});
    this.#child.stdout!.on("error", () => {});
    this.#status.on("error", () => {});
    this.#child.on("exit", () => {
      this.#alive = false;
      // A daemon a task started (setsid) may hold the output pipe open for good: nothing more is read from it.
      this.#child.stdout!.destroy();
      this.#status.destroy();
      const current = this.#current;
      this.#current = null;
      current?.finish({ workerDied: true });
    });
    this.#child.on("error", () => {
      this.#alive = false;
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** The slot's shell (the parent of every task's process group). */
  get pid(): number {
    return this.#child.pid ?? -1;
  }

  run(job: SlotJob): Promise<SlotResult> {
    if (this.#current) throw new Error("internal: slot is busy");
    return new Promise((resolve) => {
      if (!this.#alive) return resolve({ workerDied: true });
      const nonce = randomBytes(16).toString("hex");
      this.#current = { job, finish: resolve, marker: Buffer.from(`\0${nonce}\n`, "latin1"), pid: null, exitStatus: null, drained: false, pendingSignal: null, stopping: false };
      this.#child.stdin!.write(`${nonce}\0${job.attempt}\0${job.item === null ? "0\0" : `1\0${job.item}`}\0${job.scriptPath}\0`);
    });
  }

  /** Sends a signal to the running task's whole process group (as soon as the shell has said which it is). */
  signalTask(signal: NodeJS.Signals): void {
    const current = this.#current;
    if (!current || current.exitStatus !== null) return;
    current.stopping = true;
    if (current.pid === null) {
      current.pendingSignal = signal;
      return;
    }
    current.pendingSignal = null;
    signalGroup(current.pid, signal);
  }

  close(): void {
    this.#child.stdin!.end();
  }

  #readStatus(chunk: Buffer): void {
    const lines = (this.#statusText + chunk.toString("latin1")).split("\n");
    this.#statusText = lines.pop()!;
    for (const line of lines) {
      const current = this.#current;
      const match = /^([SE]) (\d+)$/.exec(line);
      if (!current || !match) continue;
      const value = Number(match[2]);
      if (match[1] === "S") {
        current.pid = value;
        if (current.pendingSignal) this.signalTask(current.pendingSignal);
      } else {
        current.exitStatus = value;
        this.#maybeFinish();
      }
    }
  }

  #read(chunk: Buffer): void {
    const current = this.#current;
    // Output with no task running: a daemon an earlier task left behind; it belongs to no attempt.
    if (!current || current.drained) return;
    const buffer = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const at = buffer.indexOf(current.marker);
    if (at >= 0) {
      this.#pending = Buffer.alloc(0);
      if (at > 0) current.job.onOutput(buffer.subarray(0, at));
      current.drained = true;
      this.#maybeFinish();
      return;
    }
    const keep = possibleStart(buffer, current.marker);
    if (keep > 0) current.job.onOutput(buffer.subarray(0, keep));
    this.#pending = Buffer.from(buffer.subarray(keep));
  }

  #maybeFinish(): void {
    const current = this.#current;
    if (!current || current.exitStatus === null || !current.drained) return;
    this.#current = null;
    // Whatever the task left running in its group goes with it, as a CI job's leftovers do.
    if (current.pid !== null) signalGroup(current.pid, current.stopping ? "SIGKILL" : "SIGTERM");
    current.finish({ exitStatus: current.exitStatus });
  }
}

/** Where a marker may have begun at the end of the buffer (kept back until more arrives), else the buffer's length. */
function possibleStart(buffer: Buffer, marker: Buffer): number {
  const from = Math.max(0, buffer.length - marker.length + 1);
  for (let index = buffer.indexOf(0, from); index >= 0; index = buffer.indexOf(0, index + 1)) {
    if (marker.subarray(0, buffer.length - index).equals(buffer.subarray(index))) return index;
  }
  return buffer.length;
}
