// `orchc build` on the Node versions users run, side by side, from the binaries
// scripts/provision-node.sh fetched: Node's own start (`node -e 0`) as each one's floor, every target at
// 1,000 tasks on Node 20 and 24, 10,000 tasks on Node 24, and on Node 24 once with V8's compile cache off
// (what bin/orchc.js's module.enableCompileCache() is worth). A Node not provisioned is left out, said.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SHELL_TARGETS } from "./build-bench.mjs";
import { dslPipeline } from "./generate-pipeline.mjs";

export const NODE_20 = "20.19.0";
export const NODE_24 = "24.22.3";
export const NODE_VERSIONS = [NODE_20, "22.23.5", NODE_24];
const TARGETS = [...SHELL_TARGETS, "databricks"];

export const floorLabel = (version) => `node -e 0, Node ${version}`;
export const nodeBuildLabel = (target, count, version) => `orchc build ${target}, ${count} tasks, Node ${version}`;

export function benchNodeVersions({ repo, work, orchc, probe, measure }) {
  for (const count of [1000, 10000]) {
    writeFileSync(join(work, `node-dsl-${count}.ts`), dslPipeline(count));
    writeFileSync(join(work, `node-dsl-notebooks-${count}.ts`), dslPipeline(count, "notebook"));
  }
  const results = [];
  const missing = [];
  const build = (node, version, target, count, options = {}) => {
    const file = target === "databricks" ? `node-dsl-notebooks-${count}.ts` : `node-dsl-${count}.ts`;
    const label = `${nodeBuildLabel(target, count, version)}${options.env ? ", compile cache off" : ""}`;
    return measure(label, node, ["--import", probe, orchc, "build", file, "--target", target, "--out", join("out", label.replace(/[^a-z0-9]+/gi, "-"))], options);
  };
  for (const version of NODE_VERSIONS) {
    const node = join(repo, ".tools", `node-${version}`, "bin", "node");
    if (!existsSync(node)) {
      missing.push(version);
      continue;
    }
    results.push(measure(floorLabel(version), node, ["-e", "0"]));
    const targets = version === NODE_20 || version === NODE_24 ? TARGETS : ["airflow"];
    for (const target of targets) results.push(build(node, version, target, 1000));
    if (version === NODE_24) {
      for (const target of TARGETS) results.push(build(node, version, target, 10000));
      results.push(build(node, version, "airflow", 1000, { env: { NODE_DISABLE_COMPILE_CACHE: "1" } }));
    }
  }
  return { results, missing };
}
