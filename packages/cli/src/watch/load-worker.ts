// The entry of the worker thread `--watch` loads pipelines in (see recycled-loader.ts): the
// user's bundle is imported here, so the modules Node never frees stay in a thread that is thrown
// away, not in the watcher.
import { loadPipelines } from "@orchc/compiler/load";
import { createRequire } from "node:module";
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import type { LoadReply, LoadRequest, LoadResult, LoadWorkerData } from "./load-messages.js";
import { notPlainData } from "./plain-data.js";

const port = parentPort!;
const reply = (message: LoadReply) => port.postMessage(message);

function unclonable(result: LoadResult): string | null {
  for (const entry of result.loaded) {
    const found = notPlainData(entry.spec);
    if (found !== null) return `the spec of export ${entry.exportName}: ${found}`;
  }
  const found = notPlainData(result.diagnostics);
  return found === null ? null : `diagnostics: ${found}`;
}

const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");

/**
 * Only the thread that started esbuild's service process can reap it: a worker merely terminated
 * leaves it a zombie, one per replaced worker for as long as the watcher runs. So the service is
 * stopped here, and the thread lives on long enough to see it exit (a kill is answered in about a
 * millisecond; the margin is for a busy machine).
 */
async function stop(): Promise<never> {
  await esbuild.stop();
  await new Promise((resolve) => setTimeout(resolve, 200));
  process.exit(0);
}

port.on("message", async (request: LoadRequest) => {
  if (request.kind === "stop") return stop();
  // loadPipelines reports the user's mistakes as diagnostics; a throw here is orchc's bug, and the main thread's catch reports it.
  const result = await loadPipelines(request.files);
  const reason = unclonable(result);
  if (reason !== null) return reply({ kind: "inProcess", reason });
  try {
    reply({ kind: "loaded", result, heapBytes: getHeapStatistics().used_heap_size });
  } catch (failure) {
    // Whatever the walk above missed and the clone refused (a DataCloneError).
    reply({ kind: "inProcess", reason: failure instanceof Error ? failure.message : String(failure) });
  }
});

// Started ahead of its first load, so that load does not wait for esbuild's service to start either.
await esbuild.transform("");
// A successor loads the files of the latest build once before it serves: the first load in a
// fresh thread compiles the loader, the DSL and the user's code cold (measured ~35 ms instead of
// ~22 for 1,000 tasks), and this way that happens between saves, not in a rebuild.
const { warmUp } = workerData as LoadWorkerData;
if (warmUp.length > 0) await loadPipelines(warmUp);
reply({ kind: "ready", heapBytes: getHeapStatistics().used_heap_size });
