// The same `orchc build` (1,000 tasks, airflow) on each Node orchc supports, side by side, from the
// binaries scripts/provision-node.sh fetched; on Node 24 also with V8's compile cache off, to show
// what bin/orchc.js's module.enableCompileCache() is worth. A Node not provisioned is left out, said.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dslPipeline } from "./generate-pipeline.mjs";

export const NODE_VERSIONS = ["20.19.0", "22.23.5", "24.22.3"];

export function benchNodeVersions({ repo, work, orchc, measure }) {
  writeFileSync(join(work, "node-dsl-1000.ts"), dslPipeline(1000));
  const args = [orchc, "build", "node-dsl-1000.ts", "--target", "airflow", "--out", join("out", "node-versions")];
  const results = [];
  const missing = [];
  for (const version of NODE_VERSIONS) {
    const node = join(repo, ".tools", `node-${version}`, "bin", "node");
    if (!existsSync(node)) {
      missing.push(version);
      continue;
    }
    results.push(measure(`orchc build airflow, 1,000 tasks, Node ${version}`, node, args));
    if (version.startsWith("24.")) results.push(measure(`orchc build airflow, 1,000 tasks, Node ${version}, compile cache off`, node, args, { env: { NODE_DISABLE_COMPILE_CACHE: "1" } }));
  }
  return { results, missing };
}
