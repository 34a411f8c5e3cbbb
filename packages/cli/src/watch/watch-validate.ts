import { pipelineFiles } from "../commands/pipeline-files.js";
import { validateOnce, type ValidateOptions } from "../commands/validate-command.js";
import { RecycledLoader } from "./recycled-loader.js";
import { watchLoop } from "./watch-loop.js";

/** `orchc validate --watch`: validates again on every change to the pipeline files or what they import, loading them as `build --watch` does. */
export async function watchValidate(files: ReadonlyArray<string>, options: ValidateOptions): Promise<number> {
  const loader = new RecycledLoader();
  try {
    return await watchLoop({
      entries: pipelineFiles(files),
      round: () => validateOnce(files, options, loader.load),
      done: "validated",
      status: options.json ? process.stderr : process.stdout,
    });
  } finally {
    loader.close();
  }
}
