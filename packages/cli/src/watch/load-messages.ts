import type { loadPipelines } from "@orchc/compiler/load";

/** What loadPipelines returns: the pipelines found, their diagnostics and the files they were read from. */
export type LoadResult = Awaited<ReturnType<typeof loadPipelines>>;

/** What a load worker starts with: the files to load once before it reports ready (none for the first worker, which a build awaits). */
export interface LoadWorkerData {
  readonly warmUp: ReadonlyArray<string>;
}

/** Main thread → load worker: load these pipeline files, or stop. */
export type LoadRequest = { readonly kind: "load"; readonly files: ReadonlyArray<string> } | { readonly kind: "stop" };

/**
 * Load worker → main thread. `ready`: started and warmed up. `loaded`: the result. Both carry the
 * worker's heap (what the recycling decision reads). `inProcess`: this load's result is
 * not plain data (the reason names where), so the main thread loads the files itself.
 */
export type LoadReply =
  | { readonly kind: "ready"; readonly heapBytes: number }
  | { readonly kind: "loaded"; readonly result: LoadResult; readonly heapBytes: number }
  | { readonly kind: "inProcess"; readonly reason: string };
