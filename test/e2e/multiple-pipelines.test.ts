import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();

const TWO_PIPELINES = `import { pipeline, sh } from "orchc";

const hourly = pipeline("sales_hourly", {});
hourly.task("pull", sh\`./pull.sh\`);
export default hourly;

export const backfill = pipeline("sales_backfill", {});
backfill.task("replay", sh\`./replay.sh\`);
// The same pipeline under a second name is built once.
export { backfill as alsoBackfill };
`;

const OTHER_FILE = `import { definePipeline } from "orchc";

export default definePipeline({
  id: "inventory",
  tasks: { count: { action: { kind: "shell", command: "./count.sh" } } },
});
`;

const HAND_WRITTEN = {
  // JSON without an orchc header, in the directory the ir target owns.
  "ir/notes.json": '{ "note": "kept by hand" }\n',
  // Named like generated output, but with no header: orchc must not claim it.
  "ir/legacy.ir.json": '{ "pipeline": { "id": "legacy" } }\n',
};

const irFiles = (cwd: string) => readdirSync(join(cwd, "ir")).sort();
const headerSources = (cwd: string, name: string) => /from (.*) \(target: ir\)/.exec(readFileSync(join(cwd, "ir", name), "utf8"))?.[1];

describe("several pipelines", () => {
  it("builds the default and the named export of one file into two IR files", () => {
    const cwd = project({ "pipeline.ts": TWO_PIPELINES });
    const result = runCli(["build", "--target", "ir"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^orchc: ir: [^\n]*\n$/);
    expect(result.stdout.match(/ir\/\w+\.ir\.json \(written\)/g)?.sort()).toEqual(["ir/sales_backfill.ir.json (written)", "ir/sales_hourly.ir.json (written)"]);
    expect(irFiles(cwd)).toEqual(["sales_backfill.ir.json", "sales_hourly.ir.json"]);
    const backfill = JSON.parse(readFileSync(join(cwd, "ir", "sales_backfill.ir.json"), "utf8")) as { pipeline: { source: { file: string; exportName: string } } };
    expect(backfill.pipeline.source.file).toBe("pipeline.ts");
    // Either name is right: a module namespace does not say which one came first.
    expect(["backfill", "alsoBackfill"]).toContain(backfill.pipeline.source.exportName);
  });

  it("builds several files named on one command line", () => {
    const cwd = project({ "sales.ts": TWO_PIPELINES, "pipelines/inventory.ts": OTHER_FILE });
    const result = runCli(["build", "--target", "ir", "sales.ts", "pipelines/inventory.ts"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^orchc: ir: [^\n]*\n$/);
    expect(result.stdout.match(/ir\/\w+\.ir\.json \(written\)/g)?.sort()).toEqual(["ir/inventory.ir.json (written)", "ir/sales_backfill.ir.json (written)", "ir/sales_hourly.ir.json (written)"]);
    expect(irFiles(cwd)).toEqual(["inventory.ir.json", "sales_backfill.ir.json", "sales_hourly.ir.json"]);
    expect(headerSources(cwd, "inventory.ir.json")).toBe("pipelines/inventory.ts");
    expect(headerSources(cwd, "sales_hourly.ir.json")).toBe("sales.ts");

    const validate = runCli(["validate", "sales.ts", "pipelines/inventory.ts"], { cwd });
    expect(validate.stdout).toBe("orchc: 3 pipelines, 3 tasks: valid\n");
  });

  it("reports a pipeline id declared in two files", () => {
    const cwd = project({ "a.ts": OTHER_FILE, "b.ts": OTHER_FILE });
    const result = runCli(["build", "--target", "ir", "a.ts", "b.ts"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^b\.ts:\d+:\d+ - error ORC111: pipeline id `inventory` is declared twice \(first in \S*a\.ts\)\n/);
  });

  it("removes the output of a renamed pipeline but not hand-written files, nor another source's output", () => {
    const cwd = project({ "pipeline.ts": TWO_PIPELINES, "inventory.ts": OTHER_FILE, ...HAND_WRITTEN });
    expect(runCli(["build", "--target", "ir", "inventory.ts"], { cwd }).status).toBe(0);
    expect(runCli(["build", "--target", "ir"], { cwd }).status).toBe(0);
    expect(irFiles(cwd)).toEqual(["inventory.ir.json", "legacy.ir.json", "notes.json", "sales_backfill.ir.json", "sales_hourly.ir.json"]);

    writeFileSync(join(cwd, "pipeline.ts"), TWO_PIPELINES.replace('"sales_backfill"', '"sales_replay"'));
    const result = runCli(["build", "--target", "ir"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("orchc: ir: ir/sales_replay.ir.json (written), ir/sales_hourly.ir.json (unchanged), ir/sales_backfill.ir.json (removed)\n");
    // inventory.ir.json came from inventory.ts, which this build did not read.
    expect(irFiles(cwd)).toEqual(["inventory.ir.json", "legacy.ir.json", "notes.json", "sales_hourly.ir.json", "sales_replay.ir.json"]);
    for (const [path, text] of Object.entries(HAND_WRITTEN)) expect(readFileSync(join(cwd, path), "utf8")).toBe(text);
  });
});
