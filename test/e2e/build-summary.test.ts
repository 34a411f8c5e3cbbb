// What `orchc build` says it did: each file by name when a target has few, counts and the changed
// files when it has many. `--json` is left as it was and is checked here only to say so.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSummaryLine, LISTED_FILES } from "../../packages/cli/src/commands/build-summary.js";
import { runCli, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();

const place = { outDir: "/repo/out", cwd: "/repo", environment: null };
const names = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `dags/${prefix}${index + 1}.py`);

describe("buildSummaryLine", () => {
  it("names every file of a target with few, relative to the current folder, with what happened to it", () => {
    const line = buildSummaryLine("airflow", { written: ["dags/a.py"], unchanged: ["dags/b.py"], removed: ["dags/old.py"] }, place);
    expect(line).toBe("orchc: airflow: out/dags/a.py (written), out/dags/b.py (unchanged), out/dags/old.py (removed)");
  });

  it("adds the environment after the files", () => {
    const line = buildSummaryLine("airflow", { written: [], unchanged: ["dags/a.py"], removed: [] }, { ...place, outDir: "/repo", environment: "for environment prod" });
    expect(line).toBe("orchc: airflow: dags/a.py (unchanged), for environment prod");
  });

  it(`names files up to ${LISTED_FILES}; one more and it counts them`, () => {
    const few = buildSummaryLine("ir", { written: [], unchanged: names(LISTED_FILES, "u"), removed: [] }, place);
    expect(few.match(/\(unchanged\)/g)).toHaveLength(LISTED_FILES);
    const many = buildSummaryLine("ir", { written: [], unchanged: names(LISTED_FILES + 1, "u"), removed: [] }, place);
    expect(many).toBe(`orchc: ir: 0 written, ${LISTED_FILES + 1} unchanged (in out)`);
  });

  it("with many files, names only the written and removed ones, up to the limit each", () => {
    const written = names(LISTED_FILES + 2, "w");
    const line = buildSummaryLine("ir", { written, unchanged: names(4, "u"), removed: ["dags/gone.py"] }, { ...place, environment: "for environment dev: the default; choose one with -e" });
    const listed = written.slice(0, LISTED_FILES).map((file) => `out/${file}`).join(", ");
    expect(line).toBe(
      `orchc: ir: ${LISTED_FILES + 2} written, 4 unchanged, 1 removed (in out, for environment dev: the default; choose one with -e): written ${listed} and 2 more; removed out/dags/gone.py`,
    );
    expect(line).not.toContain("dags/u1.py");
  });

  it("a folder outside the current one is named relative to it", () => {
    expect(buildSummaryLine("ir", { written: ["ir/a.ir.json"], unchanged: [], removed: [] }, { ...place, cwd: "/repo/sub" })).toBe("orchc: ir: ../out/ir/a.ir.json (written)");
  });
});

/** `count` pipelines in one file, so the ir target writes `count` files. */
const pipelines = (count: number) =>
  [
    `import { pipeline, sh } from "orchc";`,
    ...Array.from({ length: count }, (_, index) => `export const p${index} = pipeline("p${index}", {});\np${index}.task("a", sh\`echo ${index}\`);`),
    `export default p0;`,
    "",
  ].join("\n");

describe("orchc build prints what it wrote", () => {
  it("with few files, each file by its path from where the user stands", () => {
    const cwd = project({ "pipeline.ts": pipelines(2) });
    const first = runCli(["build", "-t", "ir", "--out", "generated"], { cwd });
    expect(first.stderr).toBe("");
    expect(first.stdout).toBe("orchc: ir: generated/ir/p0.ir.json (written), generated/ir/p1.ir.json (written)\n");
    const again = runCli(["build", "-t", "ir", "--out", "generated"], { cwd });
    expect(again.stdout).toBe("orchc: ir: generated/ir/p0.ir.json (unchanged), generated/ir/p1.ir.json (unchanged)\n");
  });

  it("with many files, the counts and only the files that changed", () => {
    const cwd = project({ "pipeline.ts": pipelines(7) });
    const first = runCli(["build", "-t", "ir"], { cwd });
    expect(first.stderr).toBe("");
    expect(first.stdout).toBe("orchc: ir: 7 written, 0 unchanged (in .): written ir/p0.ir.json, ir/p1.ir.json, ir/p2.ir.json, ir/p3.ir.json, ir/p4.ir.json and 2 more\n");

    writeFileSync(join(cwd, "pipeline.ts"), pipelines(7).replace("echo 3", "echo three"));
    rmSync(join(cwd, "ir", "p5.ir.json"));
    const second = runCli(["build", "-t", "ir"], { cwd });
    expect(second.stdout).toBe("orchc: ir: 2 written, 5 unchanged (in .): written ir/p3.ir.json, ir/p5.ir.json\n");

    writeFileSync(join(cwd, "pipeline.ts"), pipelines(6).replace("echo 3", "echo three"));
    const third = runCli(["build", "-t", "ir"], { cwd });
    expect(third.stdout).toBe("orchc: ir: 0 written, 6 unchanged, 1 removed (in .): removed ir/p6.ir.json\n");
  });

  it("--json lists the files as before", () => {
    const cwd = project({ "pipeline.ts": pipelines(1) });
    const result = runCli(["build", "-t", "ir", "--json"], { cwd });
    expect(JSON.parse(result.stdout)).toEqual({ diagnostics: [], outDir: ".", targets: [{ target: "ir", written: ["ir/p0.ir.json"], unchanged: [], removed: [] }] });
  });
});
