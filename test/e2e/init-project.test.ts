// `orchc init` sets up what a new project needs for a green CI, starting from `npm init -y && npm i -D
// orchc`: typescript at orchc's own version, a tsconfig under which `tsc --noEmit` passes whether
// package.json says ESM or CommonJS, .orchc/ in .gitignore, and a CI workflow that type-checks and
// checks the generated files of each target. It never overwrites a file.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, repoRoot, runCli, snapshotTree, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();

// What `npm init -y` (npm 11) and then `npm i -D orchc` leave.
const NPM_INIT_PACKAGE = `${JSON.stringify(
  { name: "demo", version: "1.0.0", main: "index.js", scripts: { test: 'echo "Error: no test specified" && exit 1' }, keywords: [], author: "", license: "ISC", type: "commonjs", description: "", devDependencies: { orchc: "^0.1.0" } },
  null,
  2,
)}\n`;

const read = (cwd: string, file: string) => readFileSync(join(cwd, file), "utf8");
const manifestOf = (cwd: string) => JSON.parse(read(cwd, "package.json")) as { type?: string; scripts: Record<string, string>; devDependencies: Record<string, string> };

/** The repository's own tsc, which a project inside the repo resolves `orchc` for through the repo's node_modules. */
function tsc(cwd: string): { status: number | null; output: string } {
  const result = spawnSync(join(repoRoot, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "tsconfig.json"], { cwd, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The `run:` lines of the CI workflow's orchc steps, as the user's CI will run them. */
const ciCommands = (cwd: string) => [...read(cwd, ".github/workflows/orchc.yml").matchAll(/run: "npx orchc (build --check -t [a-z-]+)"/g)].map((match) => match[1]!.split(" "));

describe("orchc init after npm init -y && npm i -D orchc", () => {
  it("adds typescript at orchc's version, keeps orchc's and the CommonJS type, and tsc --noEmit passes", () => {
    const cwd = project({ "package.json": NPM_INIT_PACKAGE });
    const result = runCli(["init"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const manifest = manifestOf(cwd);
    const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(manifest.devDependencies).toEqual({ orchc: "^0.1.0", typescript: root.devDependencies.typescript });
    expect(manifest.type).toBe("commonjs");
    expect(manifest.scripts.test).toBe('echo "Error: no test specified" && exit 1');
    expect(tsc(cwd)).toEqual({ status: 0, output: "" });
  });

  it("tsc --noEmit passes under an ESM package.json, and a type error in pipeline.ts fails it under both", () => {
    for (const type of ["module", "commonjs"]) {
      const cwd = project({ "package.json": `${JSON.stringify({ name: "demo", private: true, type })}\n` });
      expect(runCli(["init"], { cwd }).status).toBe(0);
      expect(tsc(cwd), type).toEqual({ status: 0, output: "" });
      writeFileSync(join(cwd, "pipeline.ts"), `${read(cwd, "pipeline.ts")}\nconst broken: number = "not a number";\n`);
      const failed = tsc(cwd);
      expect(failed.status, type).not.toBe(0);
      expect(failed.output).toContain("error TS2322");
    }
  });

  it("builds, then passes every check its CI workflow runs, for the targets named (a Databricks one among them)", () => {
    const cwd = project({ "package.json": NPM_INIT_PACKAGE });
    expect(runCli(["init", "--target", "airflow,databricks", "-t", "local"], { cwd }).status).toBe(0);
    const scripts = manifestOf(cwd).scripts;
    expect(scripts.build).toBe("orchc build --target airflow,databricks,local");
    expect(ciCommands(cwd)).toEqual(["airflow", "databricks", "local"].map((target) => ["build", "--check", "-t", target]));
    const build = runCli(scripts.build!.split(" ").slice(1), { cwd });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    for (const command of ciCommands(cwd)) {
      const check = runCli(command, { cwd });
      expect(check.stderr, command.join(" ")).toBe("");
      expect(check.status).toBe(0);
    }
    expect(tsc(cwd).status).toBe(0);
  });

  it("without --target, sets up airflow; its CI checks pass once built", () => {
    const cwd = project();
    expect(runCli(["init"], { cwd }).status).toBe(0);
    expect(ciCommands(cwd)).toEqual([["build", "--check", "-t", "airflow"]]);
    expect(runCli(ciCommands(cwd)[0]!, { cwd }).status).toBe(1);
    expect(runCli(["build", "-t", "airflow"], { cwd }).status).toBe(0);
    expect(runCli(ciCommands(cwd)[0]!, { cwd })).toMatchObject({ status: 0, stderr: "" });
  });
});

describe("orchc init and the files a project already has", () => {
  it("creates .gitignore with node_modules/ and .orchc/, or appends .orchc/ once", () => {
    const fresh = project();
    expect(runCli(["init"], { cwd: fresh }).status).toBe(0);
    expect(read(fresh, ".gitignore")).toBe("node_modules/\n.orchc/\n");

    const existing = project({ ".gitignore": "node_modules" });
    const result = runCli(["init"], { cwd: existing });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("orchc: .gitignore: added .orchc/ (the local run store)\n");
    expect(read(existing, ".gitignore")).toBe("node_modules\n.orchc/\n");

    const ignored = project({ ".gitignore": "node_modules/\n/.orchc\n" });
    expect(runCli(["init"], { cwd: ignored }).status).toBe(0);
    expect(read(ignored, ".gitignore")).toBe("node_modules/\n/.orchc\n");
  });

  it("keeps an existing CI workflow and tsconfig.json, says so, and sets up the rest", () => {
    const cwd = project({ ".github/workflows/orchc.yml": "# mine\n", "tsconfig.json": "{}\n" });
    const result = runCli(["init"], { cwd });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("orchc: kept the existing tsconfig.json (init never overwrites a file)\n");
    expect(result.stdout).toContain("orchc: kept the existing .github/workflows/orchc.yml (init never overwrites a file)\n");
    expect(read(cwd, ".github/workflows/orchc.yml")).toBe("# mine\n");
    expect(read(cwd, "tsconfig.json")).toBe("{}\n");
    expect(existsSync(join(cwd, "pipeline.ts"))).toBe(true);
  });

  it("answers a package.json it cannot read with ORC701 at its line, and changes nothing", () => {
    const cwd = project({ "package.json": '{\n  "name": "demo",\n  "type": "module",,\n}\n' });
    const before = snapshotTree(cwd);
    const result = runCli(["init"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^package\.json:3:\d+ - error ORC701: package\.json is not valid JSON /);
    expectNoStackTrace(result.stderr);
    expect(snapshotTree(cwd)).toEqual(before);
  });

  it("answers unknown targets (ORC303) and databricks with github-actions (ORC702) at once, and changes nothing", () => {
    const cwd = project();
    const before = snapshotTree(cwd);
    const result = runCli(["init", "-t", "airflw,databricks,github-actions"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error ORC303: unknown target `airflw`\n  hint: did you mean `airflow`?");
    expect(result.stderr).toContain("error ORC702: ");
    expect(result.stderr).toContain("2 errors\n");
    expect(snapshotTree(cwd)).toEqual(before);
  });
});
