import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect } from "vitest";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const cliBin = join(repoRoot, "packages", "cli", "bin", "orchc.js");
export const quickstartSource = readFileSync(join(repoRoot, "examples", "quickstart", "pipeline.ts"), "utf8");

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  /** Added to the environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Runs the built CLI as a user would: its own process, no colour, and not inside GitHub Actions unless asked. */
export function runCli(args: ReadonlyArray<string>, options: RunOptions): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  // The suite may itself run in GitHub Actions, which would add annotations to every stdout.
  delete env.GITHUB_ACTIONS;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const result = spawnSync(process.execPath, [cliBin, ...args], { cwd: options.cwd, env, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The bin imports the build output; a missing build would otherwise surface as a confusing
 * ERR_MODULE_NOT_FOUND in every test. The suite never builds by itself: `npm test` builds first.
 */
export function assertCliBuilt(): void {
  const bin = readFileSync(cliBin, "utf8");
  // The bin imports the bundle dynamically (after turning on the compile cache): the first relative import, static or not.
  const imported = /import\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/.exec(bin)?.[1];
  if (imported === undefined) throw new Error(`cannot tell which file ${relative(repoRoot, cliBin)} loads`);
  const entry = resolve(dirname(cliBin), imported);
  if (!existsSync(entry)) {
    throw new Error(`the CLI is not built: ${relative(repoRoot, entry)} does not exist. Run \`npm run build\` in ${repoRoot} first.`);
  }
}

export type Files = Readonly<Record<string, string>>;

export function writeFiles(directory: string, files: Files): void {
  for (const [name, text] of Object.entries(files)) {
    const path = join(directory, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

/**
 * Registers the CLI check and cleanup for the calling test file, and returns a factory of temp
 * projects. They live inside the repo so that `import … from "orchc"` resolves through its
 * node_modules, and each has a package.json so that it is its own project root.
 */
export function useTempProjects(): (files?: Files) => string {
  const created: string[] = [];
  beforeAll(assertCliBuilt);
  afterAll(() => {
    for (const directory of created) rmSync(directory, { recursive: true, force: true });
  });
  return (files = {}) => {
    const parent = join(repoRoot, ".cache", "e2e");
    mkdirSync(parent, { recursive: true });
    const directory = mkdtempSync(join(parent, "case-"));
    created.push(directory);
    writeFiles(directory, { "package.json": `${JSON.stringify({ type: "module", private: true })}\n`, ...files });
    return directory;
  };
}

/** 1-based line and column of the `occurrence`-th appearance of `needle`, as orchc reports positions. */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)} ${occurrence} times`);
  }
  const before = text.slice(0, index).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** `file:line:col` of a needle in a fixture, the way diagnostics print it. */
export function placeOf(file: string, text: string, needle: string, occurrence = 1): string {
  const { line, column } = positionOf(text, needle, occurrence);
  return `${file}:${line}:${column}`;
}

/** Every file under a directory with its bytes and mtime, to prove a command wrote nothing. */
export function snapshotTree(directory: string): Record<string, { bytes: string; mtimeMs: number }> {
  const snapshot: Record<string, { bytes: string; mtimeMs: number }> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else snapshot[relative(directory, path)] = { bytes: readFileSync(path).toString("base64"), mtimeMs: statSync(path).mtimeMs };
    }
  };
  walk(directory);
  return snapshot;
}

/** A user error must read as a diagnostic, never as a crash. */
export function expectNoStackTrace(output: string): void {
  expect(output).not.toMatch(/^ {4}at /m);
  expect(output).not.toContain("internal error");
}
