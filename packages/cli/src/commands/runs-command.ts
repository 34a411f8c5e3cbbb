import { resolve } from "node:path";

export interface RunsCommandOptions {
  readonly pipeline?: string;
  readonly json?: boolean;
  readonly store?: string;
  readonly report?: string;
}

/** `orchc runs list|show`: reads the run store; needs no pipeline file. */
export async function runsCommand(action: string, runId: string | undefined, options: RunsCommandOptions): Promise<number> {
  const { RunStore, listRuns, showRun } = await import("@orchc/runner");
  const store = new RunStore(resolve(options.store ?? ".orchc/runs"));
  if (action === "list") {
    process.stdout.write(listRuns(store, options.pipeline ?? null, options.json ?? false));
    return 0;
  }
  const id = runId ?? store.runIds(options.pipeline ?? null)[0];
  const record = id === undefined ? null : store.read(id);
  if (!record) {
    process.stderr.write(`orchc: ${id === undefined ? `no runs in ${store.root}` : `no run \`${id}\` in ${store.root}`}\n  hint: \`orchc runs list\` shows the runs\n`);
    return 1;
  }
  process.stdout.write(showRun(store, record, options.json ?? false));
  if (options.report !== undefined) {
    const { writeRunReport } = await import("@orchc/runner");
    writeRunReport(record, resolve(options.report));
  }
  return 0;
}
