// The examples and the targets each is built for, from examples/targets.json (the list
// scripts/check-examples.mjs builds with --check), so every suite checks every example.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface Example {
  readonly name: string;
  readonly directory: string;
  readonly pipelineFile: string;
  readonly targets: ReadonlyArray<string>;
}

export const EXAMPLES: ReadonlyArray<Example> = Object.entries(JSON.parse(readFileSync(join(repoRoot, "examples", "targets.json"), "utf8")) as Record<string, string[]>).map(
  ([name, targets]) => {
    const directory = join(repoRoot, "examples", name);
    const pipelineFile = ["pipeline.ts", "pipeline.json", "pipeline.yaml"].map((file) => join(directory, file)).find(existsSync) ?? join(directory, "pipeline.ts");
    return { name: `examples/${name}`, directory, pipelineFile, targets };
  },
);

export const examplesBuiltFor = (target: string): ReadonlyArray<Example> => EXAMPLES.filter((example) => example.targets.includes(target));
