import { statSync } from "node:fs";
import { relative } from "node:path";
import { WatchedFiles } from "./watched-files.js";

/** What one build or validation returns: its exit code and the files it read. */
export interface Round {
  readonly code: number;
  readonly inputs: ReadonlyArray<string>;
}

export interface WatchOptions {
  /** The files named on the command line (or the default pipeline file): watched even when they fail to load. */
  readonly entries: ReadonlyArray<string>;
  readonly round: () => Promise<Round>;
  /** `built` or `validated`, for the watcher's own lines. */
  readonly done: string;
  /** Where the watcher's own lines go: stderr when stdout carries JSON documents. */
  readonly status: NodeJS.WritableStream;
}

/**
 * Editors write a file in bursts (truncate, write, chmod; or a temp file, then a rename); one build
 * after the burst settles. Short, because the wait is part of every rebuild's latency.
 */
const SETTLE_MS = 5;

/**
 * A save in place (VS Code, most tools' writeFile) truncates the file, then writes it: a process
 * descheduled between the two leaves it empty for longer than SETTLE_MS, and a round then reports
 * the half-saved file. A changed file that is empty is waited for, up to this long; a file left empty
 * on purpose is then built, and its mistake reported.
 */
const EMPTY_WAIT_MS = 200;

/** Empty as far as can be told: a file that cannot be read now (EACCES…) is left for the round to report. */
function isEmptyFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.size === 0;
  } catch {
    return false;
  }
}

/**
 * Runs a round, then again after every change to a file the last round read, until SIGINT or
 * SIGTERM; resolves 0 then (stopping is how a watch ends, not a failure). A second Ctrl-C while a
 * round hangs (a pipeline that never finishes importing) exits at once with 130.
 */
export function watchLoop(options: WatchOptions): Promise<number> {
  return new Promise((resolveExit) => {
    const say = (line: string) => options.status.write(`orchc: ${line}\n`);
    const changed = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let again = false;
    let stopped = false;
    let failedBefore = false;
    let first = true;

    let emptySince: number | null = null;
    const start = () => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      if ([...changed].some(isEmptyFile)) {
        emptySince ??= performance.now();
        if (performance.now() - emptySince < EMPTY_WAIT_MS) {
          timer = setTimeout(start, SETTLE_MS);
          return;
        }
      }
      emptySince = null;
      void round();
    };
    const watched = new WatchedFiles((file) => {
      changed.add(file);
      clearTimeout(timer);
      timer = setTimeout(start, SETTLE_MS);
    });

    async function round(): Promise<void> {
      running = true;
      const cause = changed.size === 0 ? "" : ` (${[...changed].map((file) => relative(process.cwd(), file)).join(", ")} changed)`;
      changed.clear();
      const started = performance.now();
      let outcome: Round;
      try {
        outcome = await options.round();
      } catch (failure) {
        // A bug in orchc on one edit should not end the session; the next edit may not hit it.
        process.stderr.write(`orchc: internal error (please report it): ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}\n`);
        outcome = { code: 2, inputs: [] };
      }
      const ms = Math.round(performance.now() - started);
      const failed = outcome.code !== 0;
      // After a failure the import graph is unknown (the bundle stopped at the error): keep what was watched, so fixing any of it rebuilds.
      watched.set([...options.entries, ...outcome.inputs, ...(failed ? watched.list() : [])]);
      const watching = `watching ${watched.size} file${watched.size === 1 ? "" : "s"} (Ctrl-C stops)`;
      if (!failed && failedBefore) say("fixed: the previous errors are gone");
      if (failed) say(`failed${cause}; ${watching}`);
      else say(`${first ? "" : "re"}${options.done} in ${ms} ms${cause}; ${watching}`);
      failedBefore = failed;
      first = false;
      running = false;
      if (stopped) finish();
      else if (again) {
        again = false;
        start();
      }
    }

    const finish = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      say("stopped watching");
      resolveExit(0);
    };
    function stop(): void {
      if (stopped) process.exit(130);
      stopped = true;
      clearTimeout(timer);
      watched.close();
      if (!running) finish();
    }
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    start();
  });
}
