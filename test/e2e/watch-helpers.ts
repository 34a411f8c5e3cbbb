import { spawn } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { cliBin } from "./cli-helpers.js";

/** A long-running `orchc … --watch` child: what it printed so far, waits on conditions, and its end. */
export interface WatchProcess {
  /** The child's process id, for reading its memory from /proc. */
  readonly pid: number;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Whether the process is still running. */
  readonly running: () => boolean;
  /** Resolves once `condition` holds (polled), rejects after `timeoutMs` with what was printed. */
  readonly waitFor: (what: string, condition: () => boolean, timeoutMs?: number) => Promise<void>;
  /** Sends the signal and resolves with the exit code (null when killed by the signal). */
  readonly stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export function startWatch(args: ReadonlyArray<string>, cwd: string): WatchProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.GITHUB_ACTIONS;
  const child = spawn(process.execPath, [cliBin, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  return {
    pid: child.pid!,
    stdout: () => stdout,
    stderr: () => stderr,
    running: () => running,
    waitFor: async (what, condition, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (!running) throw new Error(`orchc exited while waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: (signal = "SIGINT") => {
      child.kill(signal);
      return exited;
    },
  };
}

/** Saves the way many editors do: write a new file beside it, then rename it over the old one. */
export function saveByRename(path: string, text: string): void {
  writeFileSync(`${path}.tmp~`, text);
  renameSync(`${path}.tmp~`, path);
}

/** How many times `needle` occurs in `text`: a rebuild is seen by its status line appearing once more. */
export const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;
