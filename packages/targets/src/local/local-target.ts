import type { PipelineNode, Target } from "@orchc/compiler";
import { localCapabilities } from "./local-capabilities.js";
import { checkForLocal } from "./local-checks.js";
import { localOptions, type LocalOptions } from "./local-options.js";
import { localPlanFor } from "./local-plan.js";
import { RUNNER_SOURCE } from "./runner-source.generated.js";

/** The plan as a constant the engine reads, then the engine itself: one file that runs with nothing installed. */
function runnerFile(pipeline: PipelineNode, folder: string): string {
  return [
    "#!/usr/bin/env node\n",
    `// Runs pipeline \`${pipeline.id}\` on this machine: \`node ${folder}/${pipeline.id}.mjs --help\` shows how.\n`,
    `const ORCHC_PLAN = ${JSON.stringify(localPlanFor(pipeline, folder), null, 2)};\n`,
    RUNNER_SOURCE,
  ].join("");
}

/** One standalone runner per pipeline: the plan as data and the engine as code, for Node ≥ 18. */
export const localTarget: Target<LocalOptions> = {
  name: "local",
  description: "one standalone runner file per pipeline (local/<pipeline>.mjs): Node ≥ 18, no dependencies",
  capabilities: localCapabilities,
  key: "local",
  options: localOptions,
  outputDirectories: (options) => [localOptions.parse(options ?? {}).folder],
  check: checkForLocal,
  emit: (ir, { options }) =>
    ir.pipelines.map((pipeline) => ({
      path: `${options.folder}/${pipeline.id}.mjs`,
      format: "javascript",
      contents: runnerFile(pipeline, options.folder),
      pipelineIds: [pipeline.id],
    })),
};
