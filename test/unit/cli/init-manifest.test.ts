// What `orchc init` does to package.json: it adds the scripts and the two devDependencies a project
// needs, keeps every choice the user already made (versions, scripts, module type, formatting), and
// answers a package.json it cannot read with a located ORC701.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { initializedManifest, manifestText, newManifest, parseManifest, TYPESCRIPT_RANGE } from "../../../packages/cli/src/init/project-manifest.js";

const rootManifest = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { devDependencies: Record<string, string> };

// What `npm init -y` writes (npm 11).
const NPM_INIT = { name: "demo", version: "1.0.0", main: "index.js", scripts: { test: 'echo "Error: no test specified" && exit 1' }, keywords: [], author: "", license: "ISC", type: "commonjs", description: "" };

describe("package.json for orchc init", () => {
  it("pins typescript to the version orchc itself is type-checked with", () => {
    expect(TYPESCRIPT_RANGE).toBe(rootManifest.devDependencies.typescript);
  });

  it("adds the scripts and devDependencies to an npm init package.json, and keeps its type and fields", () => {
    const { manifest, added } = initializedManifest(NPM_INIT, ["airflow", "databricks"], "^0.1.0");
    expect(manifest).toEqual({
      ...NPM_INIT,
      scripts: {
        test: NPM_INIT.scripts.test,
        build: "orchc build --target airflow,databricks",
        check: "orchc build --target airflow,databricks --check",
        typecheck: "tsc --noEmit",
        pipeline: "orchc run",
      },
      devDependencies: { orchc: "^0.1.0", typescript: TYPESCRIPT_RANGE },
    });
    expect(Object.keys(manifest)).toEqual([...Object.keys(NPM_INIT), "devDependencies"]);
    expect(added).toEqual(["scripts.build", "scripts.check", "scripts.typecheck", "scripts.pipeline", "devDependencies.orchc", "devDependencies.typescript"]);
  });

  it("keeps a version the user already has, in whichever section it is declared", () => {
    const { manifest, added } = initializedManifest(
      { type: "module", scripts: { build: "make" }, dependencies: { typescript: "~5.9.3" }, devDependencies: { orchc: "0.0.9" } },
      ["airflow"],
      "^0.1.0",
    );
    expect(manifest.devDependencies).toEqual({ orchc: "0.0.9" });
    expect(manifest.dependencies).toEqual({ typescript: "~5.9.3" });
    expect((manifest.scripts as Record<string, string>).build).toBe("make");
    expect(added).toEqual(["scripts.check", "scripts.typecheck", "scripts.pipeline"]);
  });

  it("adds nothing a second time", () => {
    const once = initializedManifest(NPM_INIT, ["local"], "^0.1.0").manifest;
    expect(initializedManifest(once, ["local"], "^0.1.0")).toEqual({ manifest: once, added: [] });
  });

  it("writes a new project's package.json as an ES module", () => {
    expect(newManifest("My Pipelines")).toEqual({ name: "my-pipelines", private: true, type: "module" });
  });

  it("writes the file back in its own indentation and line ends", () => {
    expect(manifestText({ a: { b: 1 } }, '{\n    "a": 1\n}\n')).toBe('{\n    "a": {\n        "b": 1\n    }\n}\n');
    expect(manifestText({ a: 1 }, '{\r\n\t"a": 0\r\n}')).toBe('{\r\n\t"a": 1\r\n}\r\n');
    expect(manifestText({ a: 1 }, null)).toBe('{\n  "a": 1\n}\n');
  });

  it("answers JSON it cannot parse with ORC701 at the place it failed", () => {
    const text = '{\n  "name": "demo",\n  "scripts": { "build": "x", }\n}\n';
    const result = parseManifest("/p/package.json", text);
    expect(result).toMatchObject({ diagnostic: { code: "ORC701", severity: "error", location: { file: "/p/package.json", line: 3 } } });
    expect("diagnostic" in result && result.diagnostic.message).toMatch(/^package\.json is not valid JSON \(.+\); orchc init did not change it$/);
  });

  it("answers a truncated file at its end, and a section of the wrong shape at its key", () => {
    expect(parseManifest("/p/package.json", '{\n  "name": "demo",\n')).toMatchObject({ diagnostic: { code: "ORC701", location: { line: 3, column: 1 } } });
    expect(parseManifest("/p/package.json", '{\n  "name": "demo",\n  "devDependencies": ["orchc"]\n}\n')).toMatchObject({
      diagnostic: { code: "ORC701", message: "package.json: `devDependencies` is not an object; orchc init did not change it", location: { line: 3, column: 3 } },
    });
    expect(parseManifest("/p/package.json", "  []\n")).toMatchObject({ diagnostic: { code: "ORC701", location: { line: 1, column: 3 } } });
    expect(parseManifest("/p/package.json", '{ "type": "module" }')).toEqual({ manifest: { type: "module" } });
  });
});
