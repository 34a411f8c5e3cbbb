import type { OutputEvent, RunEvent } from "../store/run-events.js";
import type { Reporter, RunHeader, RunSummary, TextSink } from "./reporter.js";
import { terminalSafeJson } from "./terminal-text.js";

/** `--json`: one JSON object per line — the journal's records, task output lines, and the plan up front. */
export class JsonReporter implements Reporter {
  constructor(private readonly sink: TextSink) {}

  #print(value: unknown): void {
    this.sink.write(`${terminalSafeJson(JSON.stringify(value))}\n`);
  }

  header(header: RunHeader): void {
    this.#print({
      type: "plan",
      runId: header.runId,
      pipeline: header.plan.pipeline.id,
      session: header.session,
      parallel: header.parallel,
      environment: header.environment,
      params: header.params,
      tasks: header.selected,
      runDir: header.runDir,
      notes: header.notes,
      inert: header.plan.inert,
    });
  }

  event(event: RunEvent): void {
    this.#print(event);
  }

  output(event: OutputEvent): void {
    this.#print(event);
  }

  summary(_summary: RunSummary): void {}

  close(): void {}
}
