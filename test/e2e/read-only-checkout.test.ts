// A user who cannot write the project (a read-only checkout, a shared folder) can still validate and
// build it: orchc writes nothing beside their files, and every write it cannot make is a coded
// diagnostic with exit 1, never a stack trace. Root ignores file modes, so as root the CLI runs as
// `nobody`. It runs from a copy of the built CLI in a folder `nobody` can read (the checkout may sit
// in a home folder others cannot enter), laid out as an install: node_modules/orchc and its esbuild.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoStackTrace, repoRoot, writeFiles, type CliResult } from "./cli-helpers.js";

const NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"];
const onPath = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;

/** How to run a command as a user file modes apply to; null with the reason when this machine has none. */
function unprivileged(): { prefix: string[] } | { missing: string } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  if (onPath("setpriv")) return { prefix: ["setpriv", ...NOBODY] };
  if (onPath("runuser")) return { prefix: ["runuser", "-u", "nobody", "--"] };
  return { missing: "running as root without setpriv or runuser: no way to run the CLI as a user file modes apply to" };
}
const runner = unprivileged();
if ("missing" in runner) console.log(`read-only checkout tests skipped: ${runner.missing}`);

const sandbox = mkdtempSync("/tmp/orchc-read-only-");
const installedOrchc = join(sandbox, "cli", "node_modules", "orchc");
const cliBin = join(installedOrchc, "bin", "orchc.js");

/** The built CLI as npm installs it (the package's `files`, and esbuild, the one dependency loading needs). */
function copyCli(): void {
  const cli = join(repoRoot, "packages", "cli");
  if (!existsSync(join(cli, "dist", "bundle", "orchc.js"))) throw new Error(`the CLI is not built. Run \`npm run build\` in ${repoRoot} first.`);
  for (const path of ["package.json", "bin", "dist/index.js", "dist/bundle"]) cpSync(join(cli, path), join(installedOrchc, path), { recursive: true, dereference: true });
  for (const name of ["esbuild", "@esbuild"]) cpSync(join(repoRoot, "node_modules", name), join(sandbox, "cli", "node_modules", name), { recursive: true, dereference: true });
}

const PIPELINE = `import { readFileSync } from "node:fs";
import { pipeline, sh } from "orchc";
import { owner } from "./lib/owner.ts";

const tables: string[] = JSON.parse(readFileSync(new URL("./tables.json", import.meta.url), "utf8"));
const nightly = pipeline("nightly", { owner });
for (const table of tables) nightly.task(\`load_\${table}\`, sh\`echo \${table}\`);

export default nightly;
`;

/** A small project, made read-only; with `installed`, it has orchc in its node_modules (a symlink, as workspaces and pnpm make). */
function readOnlyProject(name: string, installed: boolean): string {
  const directory = join(sandbox, name);
  mkdirSync(directory);
  writeFiles(directory, {
    "package.json": `${JSON.stringify({ name, type: "module", private: true })}\n`,
    "pipeline.ts": PIPELINE,
    "lib/owner.ts": 'export const owner = "data-eng";\n',
    "tables.json": '["orders", "customers"]\n',
  });
  if (installed) {
    mkdirSync(join(directory, "node_modules"));
    symlinkSync(installedOrchc, join(directory, "node_modules", "orchc"));
  }
  spawnSync("chmod", ["-R", "a-w", directory]);
  return directory;
}

/** A folder the unprivileged user can write. */
function writableFolder(name: string): string {
  const directory = join(sandbox, name);
  mkdirSync(directory);
  chmodSync(directory, 0o777);
  return directory;
}

/** Every entry's kind and bytes (a symlink: its target), mode and mtime: a stray file, or a touched one, shows. */
function treeOf(directory: string): Record<string, string> {
  const tree: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stat = lstatSync(path);
      const key = relative(directory, path);
      if (stat.isSymbolicLink()) tree[key] = `link ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        tree[key] = `dir ${stat.mode.toString(8)} ${stat.mtimeMs}`;
        walk(path);
      } else tree[key] = `file ${stat.mode.toString(8)} ${stat.mtimeMs} ${readFileSync(path).toString("base64")}`;
    }
  };
  walk(directory);
  return tree;
}

let tmp = "";
/** The loader's temp folders left in TMPDIR (Node ≥ 22 may keep its own compile cache there). */
const loaderLeftovers = () => readdirSync(tmp).filter((name) => name.startsWith("orchc-"));

function orchc(args: ReadonlyArray<string>, cwd: string, env: Record<string, string> = {}): CliResult {
  if ("missing" in runner) throw new Error(runner.missing);
  const command = [...runner.prefix, process.execPath, cliBin, ...args];
  const environment = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tmp, NO_COLOR: "1", TMPDIR: tmp, ...env };
  const result = spawnSync(command[0]!, command.slice(1), { cwd, env: environment, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Exit 1 with exactly one coded error, no stack trace, and the project as it was. */
function expectRefused(result: CliResult, code: string, project: string, before: Record<string, string>): void {
  expect(result.status, result.stderr).toBe(1);
  expect(result.stderr).toMatch(new RegExp(`^orchc - error ${code}: `));
  expect(result.stderr).toMatch(/\n\n1 error\n$/);
  expectNoStackTrace(result.stderr);
  expect(treeOf(project)).toEqual(before);
}

beforeAll(() => {
  chmodSync(sandbox, 0o755);
  copyCli();
  tmp = writableFolder("tmp");
});
afterAll(() => {
  spawnSync("chmod", ["-R", "u+w", sandbox]);
  rmSync(sandbox, { recursive: true, force: true });
});

describe.skipIf("missing" in runner).each([
  { installed: true, how: "orchc in the project's node_modules" },
  { installed: false, how: "no orchc in the project: the running CLI's own" },
])("a read-only project, $how", ({ installed }) => {
  let project = "";
  let before: Record<string, string> = {};
  beforeAll(() => {
    project = readOnlyProject(installed ? "installed" : "lone", installed);
    before = treeOf(project);
  });

  it("validates, reading the file beside it through import.meta.url, and leaves no file anywhere", () => {
    const result = orchc(["validate"], project);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("orchc: 1 pipeline, 2 tasks: valid\n");
    expect(result.status).toBe(0);
    expect(treeOf(project)).toEqual(before);
    expect(loaderLeftovers()).toEqual([]);
  });

  it("builds into a writable folder given with -o", () => {
    const out = writableFolder(`out-${installed ? "installed" : "lone"}`);
    const result = orchc(["build", "-t", "airflow", "-o", out], project);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(out, "dags", "nightly.py"), "utf8")).toContain('"load_customers"');
    expect(treeOf(project)).toEqual(before);
    expect(loaderLeftovers()).toEqual([]);
  });

  it("refuses to build into the read-only project itself with ORC404", () => {
    expectRefused(orchc(["build", "-t", "airflow"], project), "ORC404", project, before);
  });

  it("refuses a run store it cannot write with ORC505, naming the store and --store", () => {
    for (const store of [[], ["--store", join(project, "runs")]]) {
      const result = orchc(["run", ...store], project);
      const shown = store[1] ?? join(project, ".orchc", "runs");
      expectRefused(result, "ORC505", project, before);
      expect(result.stderr).toContain(`cannot write the run store ${shown} (EACCES)\n  hint: pass \`--store <dir>\` with a folder you can write\n`);
    }
  });

  it("runs with --store in a folder it can write", () => {
    const store = writableFolder(`store-${installed ? "installed" : "lone"}`);
    const result = orchc(["run", "--store", store], project);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(store).some((name) => name.startsWith("nightly-"))).toBe(true);
    expect(treeOf(project)).toEqual(before);
  });

  it("reports a TMPDIR it cannot write as ORC109", () => {
    const result = orchc(["validate"], project, { TMPDIR: project });
    expectRefused(result, "ORC109", project, before);
    expect(result.stderr).toContain(`cannot create a temp folder in ${project} to load the pipeline (EACCES)`);
  });
});

describe.skipIf("missing" in runner)("an output folder the user cannot write", () => {
  it("is ORC404 for build -o, and nothing is written", () => {
    const project = readOnlyProject("for-out", false);
    const out = join(sandbox, "read-only-out");
    mkdirSync(out);
    const before = treeOf(out);
    const result = orchc(["build", "-t", "airflow", "-o", out], project);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^orchc - error ORC404: airflow: could not write the output directory: EACCES/);
    expectNoStackTrace(result.stderr);
    expect(treeOf(out)).toEqual(before);
  });
});
