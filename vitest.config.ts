import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));
// Tests run against the TypeScript sources, not the built dist/.
const packages: Record<string, string> = {
  "@orchc/dsl/schema": "dsl/src/spec-schema.ts",
  "@orchc/dsl": "dsl/src/index.ts",
  "@orchc/compiler/locate": "compiler/src/locate/index.ts",
  "@orchc/compiler/typecheck": "compiler/src/typecheck/type-check-files.ts",
  "@orchc/compiler/output/check": "compiler/src/output/check-files.ts",
  "@orchc/compiler/output": "compiler/src/output/index.ts",
  "@orchc/compiler/load": "compiler/src/load/index.ts",
  "@orchc/compiler/diagnostics": "compiler/src/diagnostics/index.ts",
  "@orchc/compiler": "compiler/src/index.ts",
  "@orchc/runner/plan": "runner/src/plan.ts",
  "@orchc/runner": "runner/src/index.ts",
  "@orchc/targets/names": "targets/src/target-names.ts",
  "@orchc/targets": "targets/src/index.ts",
  "@orchc/importers": "importers/src/index.ts",
};

export default defineConfig({
  resolve: {
    alias: Object.entries(packages).map(([name, path]) => ({ find: new RegExp(`^${name}$`), replacement: source(path) })),
  },
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/conformance/**", "**/node_modules/**"],
    testTimeout: 30_000,
    // GitHub's workflow parser (a test judge) imports its schema JSON without an import attribute,
    // which Node refuses; run through Vite, it loads.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
