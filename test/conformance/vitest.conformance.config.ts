// The conformance suite: checks against real external tools (Airflow venvs from
// scripts/provision-airflow.sh), so it is slow and kept out of the default `vitest run`.
//   npx vitest run --config test/conformance/vitest.conformance.config.ts
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.js";

// mergeConfig would concatenate include/exclude with the base's, and the base excludes this folder.
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    ...base.test,
    include: ["test/conformance/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    // One dag.test() is ~10-20 s on Airflow 3.3 (a fresh SQLite DB migration adds ~6 s).
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
