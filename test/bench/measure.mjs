// Times a command: one warm-up, then `runs` runs; the median, min and max wall time, and the peak
// resident memory when the process was started with rss-probe.mjs preloaded.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

export function createMeasure({ work, runs }) {
  return function measure(label, command, args, options = {}) {
    const samples = [];
    const count = options.runs ?? runs;
    for (let run = -1; run < count; run++) {
      options.before?.();
      const rssFile = join(work, "rss.txt");
      rmSync(rssFile, { force: true });
      const started = process.hrtime.bigint();
      const result = spawnSync(command, args, { cwd: options.cwd ?? work, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", ...options.env, ORCHC_RSS_FILE: rssFile } });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (result.status !== (options.expectStatus ?? 0)) throw new Error(`${label} exited ${result.status}: ${result.stderr}${result.stdout}`.slice(0, 4000));
      if (run < 0) continue;
      let rssMiB = null;
      try {
        rssMiB = Number(readFileSync(rssFile, "utf8").trim()) / 1024;
      } catch {}
      samples.push({ seconds, rssMiB });
    }
    const sorted = samples.map((sample) => sample.seconds).sort((a, b) => a - b);
    const rss = samples.map((sample) => sample.rssMiB).filter((value) => value !== null);
    return { label, runs: count, median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1], peakRssMiB: rss.length > 0 ? Math.max(...rss) : null };
  };
}
