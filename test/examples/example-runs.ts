// Runs an example's pipeline for real with `orchc run`, in a scratch folder: the example's spec
// (as loaded from its pipeline.ts) is written there as JSON, with retry delays set to zero so a
// test of a failing task takes seconds; everything else (graph, retries, optional) is unchanged.
import type { PipelineSpec } from "@orchc/dsl";
import { loadPipelines } from "@orchc/compiler/load";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import { cliBin, repoRoot } from "../e2e/cli-helpers.js";

export async function exampleSpec(pipelineFile: string): Promise<PipelineSpec> {
  const { loaded, diagnostics } = await loadPipelines([pipelineFile]);
  if (diagnostics.length > 0 || loaded.length !== 1) throw new Error(`cannot load ${pipelineFile}: ${JSON.stringify(diagnostics)}`);
  return loaded[0]!.spec as PipelineSpec;
}

export function withoutRetryDelays(spec: PipelineSpec): PipelineSpec {
  return {
    ...spec,
    tasks: spec.tasks.map((task) => (task.retries ? { ...task, retries: { ...task.retries, delay: 0, ...(task.retries.maxDelay !== undefined && { maxDelay: 0 }) } } : task)),
  };
}

export interface RunResult {
  readonly status: number | null;
  readonly output: string;
}

/** A scratch folder per test file, removed after it. */
export function useScratch(name: string): () => string {
  const made: string[] = [];
  afterAll(() => made.forEach((directory) => rmSync(directory, { recursive: true, force: true })));
  return () => {
    const parent = join(repoRoot, ".cache", "example-tests");
    mkdirSync(parent, { recursive: true });
    const directory = mkdtempSync(join(parent, `${name}-`));
    made.push(directory);
    return directory;
  };
}

/** Writes an executable bash script. */
export function writeScript(path: string, body: string): void {
  writeFileSync(path, `#!/usr/bin/env bash\n${body}`);
  chmodSync(path, 0o755);
}

export function orchc(args: ReadonlyArray<string>, cwd: string, env: Readonly<Record<string, string>> = {}): RunResult {
  const environment: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...env };
  delete environment.GITHUB_ACTIONS;
  const result = spawnSync(process.execPath, [cliBin, ...args], { cwd, env: environment, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
