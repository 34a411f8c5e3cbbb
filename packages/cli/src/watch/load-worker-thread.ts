import { Worker } from "node:worker_threads";
import type { LoadReply, LoadRequest, LoadResult, LoadWorkerData } from "./load-messages.js";

const STOP_MS = 2_000;

/** A load the worker could not give back as data, or a worker that failed: the caller loads in-process. */
export class LoadInProcess extends Error {}

/** One load worker: started at once, warmed up, asked for one load at a time (the watch loop never overlaps rounds). */
export class LoadWorkerThread {
  readonly ready: Promise<void>;
  #isReady = false;
  loads = 0;
  heapBytes = 0;
  #pending: { resolve: (result: LoadResult) => void; reject: (failure: Error) => void } | null = null;
  #failed: Error | null = null;
  readonly #worker: Worker;

  constructor(script: URL, warmUp: ReadonlyArray<string>) {
    // A small young generation: each load allocates ~10 MB that dies at once (the bundle's text, the
    // builder's objects), and V8 would otherwise let the nursery grow to 48 MB before collecting
    // it, in every worker (measured on 1,000 tasks: peaks ~10 MB lower, no slower).
    this.#worker = new Worker(script, { workerData: { warmUp } satisfies LoadWorkerData, resourceLimits: { maxYoungGenerationSizeMb: 6 } });
    // A watcher that stops must exit though a worker is still idle.
    this.#worker.unref();
    let started: () => void;
    this.ready = new Promise((resolve) => (started = resolve));
    this.#worker.on("message", (message: LoadReply) => {
      if (message.kind === "ready") {
        this.#isReady = true;
        this.heapBytes = message.heapBytes;
        return started();
      }
      const pending = this.#pending!;
      this.#pending = null;
      if (message.kind === "inProcess") return pending.reject(new LoadInProcess(message.reason));
      this.loads++;
      this.heapBytes = message.heapBytes;
      pending.resolve(message.result);
    });
    const fail = (failure: Error) => {
      this.#failed = failure;
      // Unblocks a caller waiting for start-up; its load then fails below.
      started();
      this.#pending?.reject(new LoadInProcess(failure.message));
      this.#pending = null;
    };
    this.#worker.on("error", fail);
    // The user's pipeline may call process.exit(), which in a worker ends only the worker.
    this.#worker.on("exit", (code) => fail(new Error(`the load worker exited with ${code}`)));
  }

  get isReady(): boolean {
    return this.#isReady && this.#failed === null;
  }

  get failed(): boolean {
    return this.#failed !== null;
  }

  async load(files: ReadonlyArray<string>): Promise<LoadResult> {
    await this.ready;
    if (this.#failed) throw new LoadInProcess(this.#failed.message);
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#worker.postMessage({ kind: "load", files } satisfies LoadRequest);
    });
  }

  /** Asks the worker to stop (it reaps esbuild's process first); one still busy after STOP_MS, a pipeline that never finishes importing, is ended. */
  close(): void {
    this.#worker.removeAllListeners("exit");
    this.#worker.postMessage({ kind: "stop" } satisfies LoadRequest);
    setTimeout(() => void this.#worker.terminate(), STOP_MS).unref();
  }
}
