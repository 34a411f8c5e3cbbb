// `orchc build --watch` watches what loadPipelines says the pipelines were read from: the entry
// file and every local module the bundle took in, and after a syntax error the file that has it.
import { loadPipelines } from "@orchc/compiler/load";
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Plain objects, no `orchc` import: the inputs are the user's files whichever packages they use.
const scratch = realpathSync(mkdtempSync(join(tmpdir(), "orchc-inputs-test-")));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  const directory = mkdtempSync(join(scratch, "project-"));
  for (const [name, text] of Object.entries({ "package.json": '{ "type": "module", "private": true }\n', ...files })) writeFileSync(join(directory, name), text);
  return directory;
}

const PIPELINE = 'import { command } from "./helper.ts";\nexport default { id: "p", tasks: [{ id: "a", action: { kind: "shell", command } }] };\n';

describe("loadPipelines inputs", () => {
  it("names the pipeline file and the local modules it imports, not the unused ones", async () => {
    const cwd = project({ "pipeline.ts": PIPELINE, "helper.ts": 'export const command = "echo hi";\n', "unused.ts": "export const x = 1;\n" });
    const { inputs, diagnostics } = await loadPipelines([join(cwd, "pipeline.ts")]);
    expect(diagnostics).toEqual([]);
    expect([...inputs].sort()).toEqual([join(cwd, "helper.ts"), join(cwd, "pipeline.ts")]);
  });

  it("names the imported file with a syntax error, though the bundle failed", async () => {
    const cwd = project({ "pipeline.ts": PIPELINE, "helper.ts": "export const command = ;\n" });
    const { inputs, diagnostics } = await loadPipelines([join(cwd, "pipeline.ts")]);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["ORC101"]);
    expect([...inputs].sort()).toEqual([join(cwd, "helper.ts"), join(cwd, "pipeline.ts")]);
  });

  it("names a data file itself", async () => {
    const cwd = project({ "pipeline.json": '{ "id": "p", "tasks": [] }\n' });
    expect((await loadPipelines([join(cwd, "pipeline.json")])).inputs).toEqual([join(cwd, "pipeline.json")]);
  });
});
