import { loadPipelines } from "@orchc/compiler/load";
import { existsSync } from "node:fs";
import type { LoadResult } from "./load-messages.js";
import { LoadInProcess, LoadWorkerThread } from "./load-worker-thread.js";

/**
 * A worker is replaced after this many loads, or once its heap after a load passes HEAP_LIMIT
 * (a pipeline of some thousand tasks): each load leaves its module behind (~0.5 MB of heap for 400
 * tasks, ~1.5 MB for 1,000) on top of a fresh worker's ~8 MB, and an idle worker costs ~10 MB of
 * RSS. Measured on 400 tasks over 50 edits, RSS swung 120–136 MB replacing every 6 loads, 121–139
 * every 10, 120–148 every 20. 10 keeps the swing small while a start-up (its own CPU, beside the
 * rebuild on a busy machine) comes once in 10 saves.
 */
const MAX_LOADS = 10;
const HEAP_LIMIT = 32 * 1024 * 1024;
/**
 * The successor starts this many loads before it is needed (its start-up and warm-up load take a
 * few hundred ms, about two saves apart when editing fast), so two workers overlap only briefly.
 */
const LEAD = 2;

/**
 * The worker's script beside this module: the CLI bundle puts it at its root while this module is
 * in chunks/; the per-file build puts both in watch/. Running from the TypeScript sources there is
 * none, and pipelines load in-process as a single build does.
 */
function workerScript(): URL | null {
  const candidates = [new URL("./load-worker.js", import.meta.url), new URL("../load-worker.js", import.meta.url)];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * Loads pipelines for `--watch` in a worker thread that is thrown away after a while, so the
 * modules every save imports (which Node never frees) go with it and the watcher stays bounded.
 * Its successor is started shortly before it is due, so a rebuild never waits for a start-up: when
 * the budget is spent before the successor is ready, the old worker serves once more.
 */
export class RecycledLoader {
  readonly #script: URL | null;
  #current: LoadWorkerThread | null;
  #next: LoadWorkerThread | null = null;

  constructor(script: URL | null = workerScript()) {
    this.#script = script;
    this.#current = script === null ? null : new LoadWorkerThread(script, []);
  }

  readonly load = async (files: ReadonlyArray<string>): Promise<LoadResult> => {
    this.#rotate();
    const worker = this.#current;
    if (worker === null) return loadPipelines(files);
    try {
      return await worker.load(files);
    } catch (failure) {
      if (!(failure instanceof LoadInProcess)) throw failure;
      // A spec that is not plain data (a function in it, which the checker reports) or a worker that
      // died: this build loads as `orchc build` does, and its one module stays in the watcher.
      return loadPipelines(files);
    } finally {
      // A successor that died starting (its warm-up load hit a bug) is started again, or the current worker would serve for ever.
      if (this.#next?.failed) this.#next = null;
      if (this.#next === null && (worker.failed || worker.loads >= MAX_LOADS - LEAD || worker.heapBytes >= HEAP_LIMIT * 0.75)) this.#next = new LoadWorkerThread(this.#script!, files);
    }
  };

  #rotate(): void {
    const current = this.#current;
    if (current === null) return;
    const spent = current.failed || current.loads >= MAX_LOADS || current.heapBytes >= HEAP_LIMIT;
    if (!spent || this.#next === null || !(this.#next.isReady || current.failed)) return;
    current.close();
    this.#current = this.#next;
    this.#next = null;
  }

  close(): void {
    this.#current?.close();
    this.#next?.close();
  }
}
