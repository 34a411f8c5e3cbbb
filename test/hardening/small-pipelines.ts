import { runCli, type CliResult } from "../e2e/cli-helpers.js";

/** A pipeline.ts declaring one one-task pipeline per id: enough to give each its own generated file. */
export const smallPipelines = (...ids: string[]): string =>
  [
    'import { notebook, pipeline } from "orchc";',
    ...ids.flatMap((id, index) => [`export const p${index} = pipeline("${id}", { description: "${id}" });`, `p${index}.task("a", notebook("src/a.py"));`]),
    "",
  ].join("\n");

export const buildAirflow = (cwd: string, ...args: string[]): CliResult => runCli(["build", "-t", "airflow", ...args], { cwd });
