import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, snapshotTree, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();

interface Manifest {
  name?: string;
  type?: string;
  private?: boolean;
  scripts?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const manifestOf = (cwd: string) => JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as Manifest;

describe("orchc init", () => {
  it("creates pipeline.ts and tsconfig.json and adds scripts to package.json", () => {
    const cwd = project();
    const result = runCli(["init"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        `orchc: created pipeline.ts, tsconfig.json, .github/workflows/orchc.yml, .gitignore in ${cwd}`,
        "orchc: package.json: added scripts.build, scripts.check, scripts.typecheck, scripts.pipeline, devDependencies.orchc, devDependencies.typescript",
        "next: npm install && npm run typecheck && npm run build, then commit, package-lock.json too (CI runs npm ci)",
        "",
      ].join("\n"),
    );

    const pipeline = readFileSync(join(cwd, "pipeline.ts"), "utf8");
    expect(pipeline).toMatch(/^import \{[^}]*\bpipeline\b[^}]*\} from "orchc";\n/);
    expect(pipeline).toContain("export default ");

    const tsconfig = JSON.parse(readFileSync(join(cwd, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown>; include: string[] };
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, noEmit: true, module: "NodeNext" });
    expect(tsconfig.include).toContain("pipeline.ts");

    const manifest = manifestOf(cwd);
    // What the project already had is kept.
    expect(manifest).toMatchObject({ type: "module", private: true });
    expect(manifest.scripts).toMatchObject({ typecheck: "tsc --noEmit", pipeline: "orchc run" });
    expect(manifest.scripts?.build).toMatch(/^orchc build --target \S+$/);
    expect(manifest.scripts?.check).toBe(`${manifest.scripts?.build} --check`);
    expect(manifest.devDependencies).toHaveProperty("orchc");
  });

  it("keeps the scripts a project already has", () => {
    const cwd = project({ "package.json": `${JSON.stringify({ type: "module", private: true, scripts: { build: "make" } })}\n` });
    expect(runCli(["init"], { cwd }).status).toBe(0);
    expect(manifestOf(cwd).scripts?.build).toBe("make");
  });

  it("creates a package.json in a directory that has none", () => {
    const cwd = project();
    mkdirSync(join(cwd, "fresh"));
    const result = runCli(["init", "fresh"], { cwd });
    expect(result.status).toBe(0);
    expect(manifestOf(join(cwd, "fresh"))).toMatchObject({ name: "fresh", type: "module", private: true });
    expect(existsSync(join(cwd, "fresh", "pipeline.ts"))).toBe(true);
  });

  it("creates the directory it is given, or refuses it as a user error", () => {
    const cwd = project();
    const result = runCli(["init", "not-yet"], { cwd });
    expect(result.stderr).not.toContain("internal error");
    expect([0, 1]).toContain(result.status);
  });

  it("refuses to overwrite an existing pipeline.ts and changes nothing", () => {
    const cwd = project({ "pipeline.ts": "// mine\n" });
    const before = snapshotTree(cwd);
    const result = runCli(["init"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`orchc: ${join(cwd, "pipeline.ts")} already exists; nothing was changed\n`);
    expect(snapshotTree(cwd)).toEqual(before);
  });

  it("scaffolds a pipeline that validates and builds for the ir target", () => {
    const cwd = project();
    expect(runCli(["init"], { cwd }).status).toBe(0);

    const validate = runCli(["validate"], { cwd });
    expect(validate.stderr).toBe("");
    expect(validate.stdout).toMatch(/^orchc: 1 pipeline, \d+ tasks: valid\n$/);

    const build = runCli(["build", "--target", "ir"], { cwd });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    expect(build.stdout).toBe("orchc: ir: ir/nightly.ir.json (written)\n");
    const ir = JSON.parse(readFileSync(join(cwd, "ir", "nightly.ir.json"), "utf8")) as { pipeline: { tasks: Array<{ id: string }> } };
    expect(ir.pipeline.tasks.length).toBeGreaterThan(0);
  });

  it("scaffolds package.json scripts that run", () => {
    const cwd = project();
    expect(runCli(["init"], { cwd }).status).toBe(0);
    const build = manifestOf(cwd).scripts?.build ?? "";
    const result = runCli(build.split(" ").slice(1), { cwd });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readFileSync(join(cwd, "dags", "nightly.py"), "utf8")).toContain('dag_id="nightly"');
  });

  it("still refuses once the user has changed the scaffold", () => {
    const cwd = project();
    expect(runCli(["init"], { cwd }).status).toBe(0);
    writeFileSync(join(cwd, "pipeline.ts"), readFileSync(join(cwd, "pipeline.ts"), "utf8").replace('"nightly"', '"mine"'));
    const again = runCli(["init"], { cwd });
    expect(again.status).toBe(1);
    expect(readFileSync(join(cwd, "pipeline.ts"), "utf8")).toContain('"mine"');
  });
});
