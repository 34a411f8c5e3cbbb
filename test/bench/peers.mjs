// The peers `npm run bench` compares with live in bench/peers/, apart from the repository's own
// dependencies (github-actions-workflow-ts needs TypeScript 5.9; the repository uses 7). Installed
// from its lockfile on first use into bench/peers/node_modules (git-ignored).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export function ensurePeers(repo) {
  const folder = join(repo, "bench", "peers");
  const gwf = join(folder, "node_modules", "github-actions-workflow-ts", "build", "bin.js");
  const tsc59 = join(folder, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(gwf) || !existsSync(tsc59)) {
    const installed = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", folder], { stdio: "inherit" });
    if (installed.status !== 0) throw new Error("could not install the benchmark peers (npm ci in bench/peers)");
  }
  return { folder, gwf, tsc59 };
}
