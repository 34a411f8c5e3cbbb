import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";

/**
 * One long-lived bash per slot runs that slot's tasks. Spawning from Node costs ~4 ms per process
 * on its main thread; a shell that forks a subshell per task costs well under 1 ms. With job
 * control on (`set -m`) each task's subshell leads its own process group, so a timeout can stop
 * the task with everything it started. Markers carrying a random nonce tell the task's pid and
 * exit status apart from its output on the same pipe.
 */
const SLOT_LOOP = String.raw`
set -m
__orchc_nonce=$1
while IFS=' ' read -r __orchc_attempt __orchc_script; do
  ( ORCHC_ATTEMPT=$__orchc_attempt; export ORCHC_ATTEMPT; . "$__orchc_script" ) </dev/null 2>&1 &
  __orchc_pid=$!
  printf '\0%s S %s\n' "$__orchc_nonce" "$__orchc_pid"
  wait "$__orchc_pid"
  __orchc_status=$?
  kill -TERM -- "-$__orchc_pid" 2>/dev/null
  printf '\0%s E %s\n' "$__orchc_nonce" "$__orchc_status"
done
`;

export interface SlotJob {
  /** A path bash can source: absolute, or relative with a slash in it. */
  readonly scriptPath: string;
  readonly attempt: number;
  readonly onStarted: (pid: number) => void;
  readonly onOutput: (chunk: Buffer) => void;
}

/** How the task's process ended: its exit status as bash's `wait` reports it (128 + n for signal n). */
export type SlotResult = { readonly exitStatus: number } | { readonly workerDied: true };

interface CurrentJob {
  readonly job: SlotJob;
  readonly finish: (result: SlotResult) => void;
  pid: number | null;
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
      current?.finish({ workerDied: true });
    });
    this.#child.on("error", () => {
      this.#alive = false;
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  run(job: SlotJob): Promise<SlotResult> {
    if (this.#current) throw new Error("internal: slot is busy");
    return new Promise((resolve) => {
      if (!this.#alive) return resolve({ workerDied: true });
      this.#current = { job, finish: resolve, pid: null };
      this.#child.stdin!.write(`${job.attempt} ${job.scriptPath}\n`);
    });
  }

  /** Sends a signal to the running task's whole process group; false when nothing is running. */
  signalTask(signal: NodeJS.Signals): boolean {
    const pid = this.#current?.pid;
    if (pid === null || pid === undefined) return false;
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false;
    }
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
    if (!current) return;
    const [kind, value] = text.split(" ");
    if (kind === "S") {
      current.pid = Number(value);
      current.job.onStarted(current.pid);
    } else if (kind === "E") {
      this.#current = null;
      current.finish({ exitStatus: Number(value) });
    }
  }
}
