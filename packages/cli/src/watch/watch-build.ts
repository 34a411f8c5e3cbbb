import { buildOnce, loadBuildModules, type BuildOptions } from "../commands/build-command.js";
import { pipelineFiles } from "../commands/pipeline-files.js";
import { watchLoop } from "./watch-loop.js";

/** `orchc build --watch`: the checker, targets and writer are imported once; each round re-loads only the user's files. */
export function watchBuild(files: ReadonlyArray<string>, options: BuildOptions): Promise<number> {
  const modules = loadBuildModules();
  return watchLoop({
    entries: pipelineFiles(files),
    round: () => buildOnce(files, options, modules),
    done: "built",
    status: options.json ? process.stderr : process.stdout,
  });
}
