import { pipelineFiles } from "../commands/pipeline-files.js";
import { validateOnce, type ValidateOptions } from "../commands/validate-command.js";
import { watchLoop } from "./watch-loop.js";

/** `orchc validate --watch`: validates again on every change to the pipeline files or what they import. */
export function watchValidate(files: ReadonlyArray<string>, options: ValidateOptions): Promise<number> {
  return watchLoop({
    entries: pipelineFiles(files),
    round: () => validateOnce(files, options),
    done: "validated",
    status: options.json ? process.stderr : process.stdout,
  });
}
