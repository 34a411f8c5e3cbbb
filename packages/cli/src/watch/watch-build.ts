import { buildOnce, loadBuildModules, type BuildOptions } from "../commands/build-command.js";
import { pipelineFiles } from "../commands/pipeline-files.js";
import { RecycledLoader } from "./recycled-loader.js";
import { watchLoop } from "./watch-loop.js";

/**
 * `orchc build --watch`: the checker, targets and writer are imported once; each round re-loads
 * only the user's files, in a worker that is replaced now and then (see RecycledLoader).
 */
export async function watchBuild(files: ReadonlyArray<string>, options: BuildOptions): Promise<number> {
  // Started first: the worker warms up while the main thread imports the checker and targets.
  const loader = new RecycledLoader();
  const modules = loadBuildModules();
  try {
    return await watchLoop({
      entries: pipelineFiles(files),
      round: () => buildOnce(files, options, modules, loader.load),
      done: "built",
      status: options.json ? process.stderr : process.stdout,
    });
  } finally {
    loader.close();
  }
}
