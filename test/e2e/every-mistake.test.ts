import { describe, expect, it } from "vitest";
import { expectNoStackTrace, placeOf, runCli, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();

const broken = `import { pipeline, sh } from "orchc";

const a = pipeline("first", {});
a.task("x", sh\`echo x\`;

export default a;
`;

const tangled = `import { pipeline, sh } from "orchc";

const b = pipeline("second", {});
b.task("extract", sh\`./extract.sh\`).after("load");
b.task("load", sh\`./load.sh\`).after("extract");

export default b;
`;

describe("every mistake at once, across files", () => {
  it.each([["validate"], ["build"]])("orchc %s reports a file that does not load together with the mistakes of a file that does", (command) => {
    const cwd = project({ "first.ts": broken, "second.ts": tangled });
    const result = runCli([command, "first.ts", "second.ts", ...(command === "build" ? ["-t", "airflow"] : [])], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(" - error ORC101: ");
    expect(result.stderr).toContain(`${placeOf("second.ts", tangled, '"load"')} - error ORC202: dependency cycle: extract → load → extract\n`);
    expect(result.stderr).toMatch(/\n2 errors\n$/);
    expectNoStackTrace(result.stderr);
  });
});
