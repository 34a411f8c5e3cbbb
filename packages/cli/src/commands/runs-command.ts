import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { announceReport, shownReportPath } from "./report-notice.js";

export interface RunsCommandOptions {
  readonly pipeline?: string;
  readonly json?: boolean;
  readonly store?: string;
  readonly report?: string;
}

/** `orchc runs list|show`: reads the run store; needs no pipeline file. */
export async function runsCommand(action: string, runId: string | undefined, options: RunsCommandOptions): Promise<number> {
  const { RunStore, RunInputError, findRun, listRuns, showRun, writeRunReport } = await import("@orchc/runner");
  const store = new RunStore(resolve(options.store ?? ".orchc/runs"));
  if (action === "list") {
    process.stdout.write(listRuns(store, options.pipeline ?? null, options.json ?? false));
    return 0;
  }
  let record;
  try {
    record = findRun(store, runId, options.pipeline ?? null);
  } catch (failure) {
    if (!(failure instanceof RunInputError)) throw failure;
    process.stderr.write(`orchc: ${failure.message}\n  hint: ${failure.hint}\n`);
    return 1;
  }
  process.stdout.write(showRun(store, record, options.json ?? false));
  if (options.report === undefined) return 0;
  const report = resolve(options.report);
  try {
    // As `orchc run --report` does: a folder that does not exist yet is made.
    mkdirSync(dirname(report), { recursive: true });
    writeRunReport(record, report);
  } catch (failure) {
    process.stderr.write(`orchc: cannot write the report to ${shownReportPath(report)}: ${(failure as Error).message}\n`);
    return 1;
  }
  announceReport(report, options.json ?? false);
  return 0;
}
