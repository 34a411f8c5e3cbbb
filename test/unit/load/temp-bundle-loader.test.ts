// The loader bundles a pipeline module and imports it from a private temp folder: nothing is
// written beside the user's files, packages resolve as from the user's file, and import.meta
// names the user's modules, not the bundle.
import { loadPipelines } from "@orchc/compiler/load";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { positionOf, snapshotTree } from "../../e2e/cli-helpers.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const builtOrchc = pathToFileURL(join(repoRoot, "packages", "cli", "dist", "index.js")).href;

// Outside the repository, so that no node_modules above a project holds `orchc`.
const scratch = mkdtempSync(join(tmpdir(), "orchc-loader-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  const directory = mkdtempSync(join(scratch, "project-"));
  for (const [name, text] of Object.entries({ "package.json": '{ "type": "module", "private": true }\n', ...files })) {
    mkdirSync(dirname(join(directory, name)), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  return directory;
}

// Every test gets its own TMPDIR, to see what the loader leaves there.
let temp = "";
let savedTmpdir: string | undefined;
beforeEach(() => {
  savedTmpdir = process.env.TMPDIR;
  temp = mkdtempSync(join(scratch, "tmpdir-"));
  process.env.TMPDIR = temp;
});
afterEach(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
});

const TWO_TASKS = `import { pipeline, sh } from "orchc";
const nightly = pipeline("nightly", {});
nightly.task("a", sh\`echo a\`);
export default nightly;
`;

async function loadOne(file: string) {
  const { loaded, diagnostics } = await loadPipelines([file]);
  return { spec: loaded[0]?.spec as { id: string; description?: string; tasks: ReadonlyArray<{ id: string }> } | undefined, diagnostics };
}

describe("the loader's temp bundle", () => {
  it("writes nothing beside the user's files and leaves nothing in TMPDIR", async () => {
    const cwd = project({ "pipeline.ts": TWO_TASKS });
    const before = snapshotTree(cwd);
    const { spec, diagnostics } = await loadOne(join(cwd, "pipeline.ts"));
    expect(diagnostics).toEqual([]);
    expect(spec?.id).toBe("nightly");
    expect(snapshotTree(cwd)).toEqual(before);
    expect(readdirSync(temp)).toEqual([]);
  });

  it("gives import.meta.url, dirname and filename each module's real values, and leaves the words in strings alone", async () => {
    const cwd = project({
      "pipeline.ts": `import { readFileSync } from "node:fs";
import { pipeline, sh } from "orchc";
import { where } from "./lib/where.ts";

const tables: string[] = JSON.parse(readFileSync(new URL("./tables.json", import.meta.url), "utf8"));
const nightly = pipeline("nightly", { description: \`\${where} | \${import.meta.filename} | import.meta.url\` });
for (const table of tables) nightly.task(\`load_\${table}\`, sh\`echo \${table}\`);
export default nightly;
`,
      "lib/where.ts": "export const where: string = `${import.meta.dirname} | ${import.meta.url}`;\n",
      "tables.json": '["orders", "customers"]\n',
    });
    const { spec, diagnostics } = await loadOne(join(cwd, "pipeline.ts"));
    expect(diagnostics).toEqual([]);
    expect(spec!.tasks.map((task) => task.id)).toEqual(["load_orders", "load_customers"]);
    expect(spec!.description).toBe(`${join(cwd, "lib")} | ${pathToFileURL(join(cwd, "lib", "where.ts")).href} | ${join(cwd, "pipeline.ts")} | import.meta.url`);
  });

  it("points a throw in a module that reads import.meta at that module's line", async () => {
    const config = `const here = import.meta.url;
export function warehouse(): string {
  throw new Error(\`no warehouse configured beside \${here}\`);
}
`;
    const cwd = project({
      "pipeline.ts": `import { pipeline } from "orchc";\nimport { warehouse } from "./config.ts";\nexport default pipeline("nightly", { description: warehouse() });\n`,
      "config.ts": config,
    });
    const { diagnostics } = await loadOne(join(cwd, "pipeline.ts"));
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.location])).toEqual([
      ["ORC102", { file: join(cwd, "config.ts"), ...positionOf(config, "new Error") }],
    ]);
    expect(diagnostics[0]!.message).toContain(`beside ${pathToFileURL(join(cwd, "config.ts")).href}`);
  });

  it("imports orchc from the project's own install, by its `import` condition", async () => {
    const cwd = project({
      "pipeline.ts": `import { flavour, pipeline, sh } from "orchc";
const nightly = pipeline("nightly", { description: flavour });
nightly.task("a", sh\`echo a\`);
export default nightly;
`,
      "node_modules/orchc/package.json": JSON.stringify({ name: "orchc", type: "module", exports: { ".": { import: "./index.js", require: "./index.cjs" } } }),
      "node_modules/orchc/index.js": `export * from ${JSON.stringify(builtOrchc)};\nexport const flavour = "the project's own orchc";\n`,
      "node_modules/orchc/index.cjs": 'throw new Error("the require condition was chosen");\n',
    });
    const { spec, diagnostics } = await loadOne(join(cwd, "pipeline.ts"));
    expect(diagnostics).toEqual([]);
    expect(spec!.description).toBe("the project's own orchc");
  });

  it("falls back to the running orchc when the project has none installed", async () => {
    const cwd = project({ "pipeline.ts": TWO_TASKS });
    const { spec, diagnostics } = await loadOne(join(cwd, "pipeline.ts"));
    expect(diagnostics).toEqual([]);
    expect(spec!.tasks.map((task) => task.id)).toEqual(["a"]);
  });

  it("bundles a tsconfig `paths` alias to the project's own file instead of treating it as a package", async () => {
    const cwd = project({
      "tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@lib/*": ["./lib/*"] } } }),
      "pipeline.ts": `import { pipeline } from "orchc";\nimport { owner } from "@lib/owner.ts";\nconst nightly = pipeline("nightly", { description: owner });\nexport default nightly;\n`,
      "lib/owner.ts": 'export const owner = "data-eng";\n',
    });
    const { spec, diagnostics } = await loadOne(join(cwd, "pipeline.ts"));
    expect(diagnostics).toEqual([]);
    expect(spec!.description).toBe("data-eng");
  });

  it("reports a package nothing provides as ORC108 at the import", async () => {
    const source = `import { pipeline } from "orchc";\nimport { tables } from "warehouse-tables";\nexport default pipeline("nightly", { description: tables });\n`;
    const cwd = project({ "pipeline.ts": source });
    const { diagnostics } = await loadOne(join(cwd, "pipeline.ts"));
    expect(diagnostics).toMatchObject([
      { code: "ORC108", message: `cannot find package \`warehouse-tables\` from ${cwd}`, location: { file: join(cwd, "pipeline.ts"), ...positionOf(source, '"warehouse-tables"') } },
    ]);
  });

  it("reports a TMPDIR it cannot create its folder in as ORC109, naming the folder", async () => {
    const cwd = project({ "pipeline.ts": TWO_TASKS });
    process.env.TMPDIR = join(cwd, "package.json", "not-a-folder");
    const { diagnostics } = await loadOne(join(cwd, "pipeline.ts"));
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: "ORC109", message: `cannot create a temp folder in ${process.env.TMPDIR} to load the pipeline (ENOTDIR)` }),
    ]);
  });
});
