// `orchc build --check` over every example: committed generated files must match their pipeline.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The targets each example is built for (its README says why); the conformance suite reads it too. */
const TARGETS_BY_EXAMPLE = JSON.parse(readFileSync("examples/targets.json", "utf8"));
let failed = 0;
for (const name of readdirSync("examples", { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
  const directory = join("examples", name);
  const pipeline = ["pipeline.ts", "pipeline.json", "pipeline.yaml"].map((file) => join(directory, file)).find(existsSync);
  if (!pipeline) continue;
  const targets = TARGETS_BY_EXAMPLE[name];
  if (!targets) {
    console.error(`examples/${name}: not listed in examples/targets.json`);
    failed++;
    continue;
  }
  const result = spawnSync(process.execPath, ["packages/cli/bin/orchc.js", "build", pipeline, "--out", directory, "--check", ...targets.flatMap((target) => ["--target", target])], {
    stdio: "inherit",
  });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
