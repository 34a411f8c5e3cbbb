import type { ParamValue, RunPlan } from "../plan.js";
import type { OutputEvent, RunEvent } from "../store/run-events.js";
import type { RunRecord } from "../store/run-record.js";

export interface RunHeader {
  readonly runId: string;
  readonly plan: RunPlan;
  readonly parallel: number;
  readonly selected: ReadonlyArray<string>;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly environment: string | null;
  readonly session: number;
  /** Attempts each task made in earlier sessions of this run. */
  readonly previousAttempts: ReadonlyMap<string, number>;
  /** Per for-each task, the attempts each iteration (by index) made in earlier sessions. */
  readonly previousIterationAttempts: ReadonlyMap<string, { readonly attempts: ReadonlyMap<number, number> }>;
  readonly runDir: string;
  /** Said before the run starts (a resumed run's changed pipeline, tasks kept from before). */
  readonly notes: ReadonlyArray<string>;
}

export interface RunSummary {
  readonly record: RunRecord;
  readonly plan: RunPlan;
  readonly runDir: string;
  /** How to resume this run, for the hint after a failure. */
  readonly resumeCommand: string;
}

/** Where a run's progress goes: a terminal, a log, or a machine reading JSON. */
export interface Reporter {
  header(header: RunHeader): void;
  event(event: RunEvent): void;
  output(event: OutputEvent): void;
  summary(summary: RunSummary): void;
  close(): void;
}

export interface TextSink {
  write(text: string): unknown;
}

/** Collects writes made in one turn of the event loop into one: a thousand short tasks print thousands of lines. */
export class BufferedSink implements TextSink {
  #chunks: string[] = [];
  #scheduled = false;
  constructor(private readonly target: TextSink) {}

  write(text: string): void {
    this.#chunks.push(text);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#chunks.length === 0) return;
    const text = this.#chunks.join("");
    this.#chunks = [];
    this.target.write(text);
  }
}
