// Throughput of the local runner on task output without newlines (one huge "line"): wall time and
// the runner's peak RSS for each size. `node test/bench/runner-output.mjs 10 40 400` (MB); needs `npm run build`.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { RUNNER_SOURCE } = await import(join(root, "packages/targets/dist/local/runner-source.generated.js"));
const sizes = process.argv.slice(2).map(Number);

const plan = (megabytes) => ({
  version: 1,
  pipeline: { id: "bench_output", name: "bench_output", description: null, source: "bench" },
  environment: null,
  environments: [],
  params: [],
  secrets: [{ name: "token", env: "BENCH_TOKEN" }],
  tasks: [
    {
      id: "flood",
      description: null,
      group: null,
      script: `head -c ${megabytes * 1_000_000} /dev/zero | tr '\\0' x`,
      env: [],
      workingDir: null,
      dependsOn: [],
      retry: { count: 0, delaySeconds: 0, backoff: "fixed", maxDelaySeconds: null, onTimeout: false },
      timeoutSeconds: null,
      runIf: "allSuccess",
      optional: false,
      secrets: ["token"],
    },
  ],
  timeoutSeconds: null,
  maxConcurrentRuns: null,
  parallel: 1,
  inert: [],
});

mkdirSync(join(root, ".cache"), { recursive: true });
for (const megabytes of sizes) {
  const dir = mkdtempSync(join(root, ".cache", "bench-output-"));
  writeFileSync(join(dir, "run.mjs"), `const ORCHC_PLAN = ${JSON.stringify(plan(megabytes))};\n${RUNNER_SOURCE}`);
  const rssFile = join(dir, "rss");
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", join(root, "test/bench/rss-probe.mjs"), "run.mjs"], {
    cwd: dir,
    env: { ...process.env, CI: "1", NO_COLOR: "1", ORCHC_RSS_FILE: rssFile, BENCH_TOKEN: "not-in-the-output" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const seconds = (performance.now() - started) / 1000;
  const rssMiB = Number(readFileSync(rssFile, "utf8")) / 1024;
  console.log(`${megabytes} MB without newlines: exit ${result.status}, ${seconds.toFixed(2)} s, peak RSS ${rssMiB.toFixed(0)} MiB`);
  rmSync(dir, { recursive: true, force: true });
}
