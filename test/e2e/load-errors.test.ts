import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, placeOf, runCli, snapshotTree, useTempProjects, type CliResult } from "./cli-helpers.js";

const project = useTempProjects();

const SYNTAX_ERROR = `import { pipeline, sh } from "orchc";

const broken = pipeline("broken", {});
broken.task("a", sh\`echo a\`;

export default broken;
`;

const THROWS_IN_HELPER = `import { pipeline, sh } from "orchc";

function requireSetting(name: string): string {
  throw new Error(\`setting \${name} is missing\`);
}

const nightly = pipeline("nightly", { owner: requireSetting("owner") });
nightly.task("a", sh\`echo a\`);

export default nightly;
`;

const THROWS_AT_TOP_LEVEL = `import { pipeline, sh } from "orchc";

const nightly = pipeline("nightly", {});
nightly.task("a", sh\`echo a\`);
if (nightly.id === "nightly") throw new Error("refusing to load");

export default nightly;
`;

const CONFIG_MODULE = `export function warehouseName(): string {
  throw new Error("WAREHOUSE is not set");
}
`;

const IMPORTS_THROWING_MODULE = `import { pipeline, sh } from "orchc";
import { warehouseName } from "./lib/config.ts";

const nightly = pipeline("nightly", { description: warehouseName() });
nightly.task("a", sh\`echo a\`);

export default nightly;
`;

/** One diagnostic, no crash, nothing left behind in the project (such as the loader's temp bundle). */
function expectSingleError(result: CliResult, cwd: string, before: ReturnType<typeof snapshotTree>): void {
  expect(result.status).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/\n\n1 error\n$/);
  expectNoStackTrace(result.stderr);
  expect(snapshotTree(cwd)).toEqual(before);
}

describe("a pipeline file that cannot be loaded", () => {
  it("reports a syntax error as ORC101 at its line", () => {
    const cwd = project({ "pipeline.ts": SYNTAX_ERROR });
    const before = snapshotTree(cwd);
    const result = runCli(["build", "--target", "ir"], { cwd });
    expect(result.stderr).toBe(`${placeOf("pipeline.ts", SYNTAX_ERROR, ";\n\nexport")} - error ORC101: Expected ")" but found ";"\n\n1 error\n`);
    expectSingleError(result, cwd, before);
  });

  it("reports a throw while the module loads as ORC102 at the throwing line of pipeline.ts", () => {
    const cwd = project({ "pipeline.ts": THROWS_IN_HELPER });
    const before = snapshotTree(cwd);
    const result = runCli(["build", "--target", "ir"], { cwd });
    // V8 records where the Error was constructed, which is on the throwing line.
    expect(result.stderr).toBe(
      `${placeOf("pipeline.ts", THROWS_IN_HELPER, "new Error")} - error ORC102: loading the pipeline threw: setting owner is missing\n\n1 error\n`,
    );
    expectSingleError(result, cwd, before);
  });

  it("points a top-level throw at its own line", () => {
    const cwd = project({ "pipeline.ts": THROWS_AT_TOP_LEVEL });
    const before = snapshotTree(cwd);
    const result = runCli(["validate"], { cwd });
    expect(result.stderr).toBe(
      `${placeOf("pipeline.ts", THROWS_AT_TOP_LEVEL, "new Error")} - error ORC102: loading the pipeline threw: refusing to load\n\n1 error\n`,
    );
    expectSingleError(result, cwd, before);
  });

  it("points a throw in an imported local module at that module", () => {
    const cwd = project({ "pipeline.ts": IMPORTS_THROWING_MODULE, "lib/config.ts": CONFIG_MODULE });
    const before = snapshotTree(cwd);
    const result = runCli(["validate"], { cwd });
    expect(result.stderr).toBe(
      `${placeOf("lib/config.ts", CONFIG_MODULE, "new Error")} - error ORC102: loading the pipeline threw: WAREHOUSE is not set\n\n1 error\n`,
    );
    expectSingleError(result, cwd, before);
  });

  it("reports a missing file as ORC100", () => {
    const cwd = project();
    const before = snapshotTree(cwd);
    const result = runCli(["build", "--target", "ir", "nightly.ts"], { cwd });
    expect(result.stderr).toMatch(/^nightly\.ts:1:1 - error ORC100: no such file: \S*nightly\.ts\n {2}hint: check the path, or run `orchc init` to create pipeline\.ts\n/);
    expectSingleError(result, cwd, before);
  });

  it("looks for ./pipeline.ts when no file is named", () => {
    const cwd = project();
    const before = snapshotTree(cwd);
    const result = runCli(["validate"], { cwd });
    expect(result.stderr).toMatch(/^pipeline\.ts:1:1 - error ORC100: no such file: \S*pipeline\.ts\n/);
    expectSingleError(result, cwd, before);
  });

  it("reports a file that exports no pipeline as ORC103", () => {
    const cwd = project({ "pipeline.ts": 'export const owner = "data-eng";\nexport default { id: "not-a-pipeline" };\n' });
    const before = snapshotTree(cwd);
    const result = runCli(["build", "--target", "ir"], { cwd });
    expect(result.stderr).toBe(
      "pipeline.ts:1:1 - error ORC103: the file exports no pipeline\n  hint: add `export default myPipeline;` (a `pipeline(…)` or `definePipeline(…)` value)\n\n1 error\n",
    );
    expectSingleError(result, cwd, before);
  });

  it("reports an unsupported extension as ORC104", () => {
    const cwd = project({ "pipeline.toml": 'id = "nightly"\n' });
    const before = snapshotTree(cwd);
    const result = runCli(["build", "--target", "ir", "pipeline.toml"], { cwd });
    expect(result.stderr).toBe(
      "pipeline.toml:1:1 - error ORC104: cannot read pipelines from a .toml file\n  hint: use a .ts, .js, .json or .yaml file\n\n1 error\n",
    );
    expectSingleError(result, cwd, before);
  });

  it("reports the problems of every file named, not only the first", () => {
    const cwd = project({ "a.ts": SYNTAX_ERROR, "b.toml": "" });
    const result = runCli(["validate", "a.ts", "b.toml", "c.ts"], { cwd });
    expect(result.status).toBe(1);
    const codes = [...result.stderr.matchAll(/ - error (ORC\d{3}):/g)].map((match) => match[1]);
    expect(codes).toEqual(["ORC101", "ORC104", "ORC100"]);
    expect(result.stderr).toMatch(/\n\n3 errors\n$/);
    expectNoStackTrace(result.stderr);
    expect(readdirSync(cwd).filter((name) => name.includes(".orchc-"))).toEqual([]);
  });
});
