// Preloaded into a measured process (`node --import`): writes its peak resident memory in KiB to
// $ORCHC_RSS_FILE when it exits, so the benchmark needs no external `time` binary.
import { closeSync, openSync, writeSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.ORCHC_RSS_FILE;
  if (!file) return;
  const descriptor = openSync(file, "w");
  writeSync(descriptor, `${process.resourceUsage().maxRSS}\n`);
  closeSync(descriptor);
});
