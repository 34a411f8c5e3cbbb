import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { error, warning } from "../../../packages/compiler/src/diagnostics/diagnostic.js";
import { locateDiagnostics } from "../../../packages/compiler/src/locate/index.js";
import { removeSourceFiles, sourceFile } from "./locate-fixtures.js";

afterAll(removeSourceFiles);

describe("locateDiagnostics", () => {
  it("locates many diagnostics in several files at once, in order", async () => {
    const ts = sourceFile("a.ts", `import { pipeline, sh } from "orchc";\nconst a = pipeline("a");\na.task("t", sh\`true\`).after("ghost");\nexport default a;\n`);
    const yaml = sourceFile("b.yaml", `id: b\ntasks:\n  t:\n    after: [ghost]\n`);
    const located = await locateDiagnostics([
      error("ORC201", "one", { subject: { file: ts, pipelineId: "a", taskId: "t", path: ["after"], value: "ghost" } }),
      warning("ORC205", "two", { subject: { file: yaml, pipelineId: "b", taskId: "t", path: ["after"], value: "ghost" } }),
      error("ORC204", "three", { subject: { file: ts, pipelineId: "a" } }),
    ]);
    expect(located.map((diagnostic) => diagnostic.location)).toEqual([
      { file: ts, line: 3, column: 29 },
      { file: yaml, line: 4, column: 13 },
      { file: ts, line: 2, column: 20 },
    ]);
    expect(located.map((diagnostic) => diagnostic.message)).toEqual(["one", "two", "three"]);
  });

  it("keeps a location that is already set, and diagnostics without a subject", async () => {
    const file = sourceFile("c.ts", `export default { id: "c", tasks: {} };\n`);
    const known = error("ORC101", "syntax", { location: { file, line: 7, column: 3 }, subject: { file, pipelineId: "c" } });
    const unattached = error("ORC103", "nothing here");
    const located = await locateDiagnostics([known, unattached]);
    expect(located[0]?.location).toEqual({ file, line: 7, column: 3 });
    expect(located[1]).toEqual(unattached);
  });

  it("points at the start of a file it cannot read or parse", async () => {
    const missing = join(sourceFile("present.ts", ""), "..", "missing.ts");
    const other = sourceFile("notes.txt", "id: x\n");
    const located = await locateDiagnostics([
      error("ORC100", "missing", { subject: { file: missing, pipelineId: "x", taskId: "y" } }),
      error("ORC104", "unsupported", { subject: { file: other, pipelineId: "x" } }),
    ]);
    expect(located.map((diagnostic) => diagnostic.location)).toEqual([
      { file: missing, line: 1, column: 1 },
      { file: other, line: 1, column: 1 },
    ]);
  });

  it("resolves to nothing for an empty list without loading anything", async () => {
    expect(await locateDiagnostics([])).toEqual([]);
  });
});
