import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { RunEvent } from "./run-events.js";
import { applyEvent, replayJournal, type RunRecord } from "./run-record.js";
import { writingStore } from "./store-unwritable.js";

const JOURNAL = "journal.jsonl";

const stampOf = (time: number): string => new Date(time).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");

/** A run's id starts with its pipeline's id and sorts by start time. */
const RUN_ID = /^([A-Za-z_][A-Za-z0-9_]*)-(\d{8}T\d{6}Z)(?:-(\d+))?$/;

export const pipelineOfRunId = (runId: string): string | null => RUN_ID.exec(runId)?.[1] ?? null;

/**
 * `.orchc/runs/<run-id>/`: `journal.jsonl` (every transition, appended with one write each, so a
 * crash can cost at most the line being written), `scripts/<task>.sh`, `logs/<task>.<attempt>.log` (for attempts that printed anything).
 */
export class RunStore {
  constructor(readonly root: string) {}

  runDir(runId: string): string {
    return join(this.root, runId);
  }

  /** Creates a new run's folder; a second run in the same second gets a suffix. */
  createRun(pipelineId: string, now: number): string {
    return writingStore(this.root, () => this.#createRun(pipelineId, now));
  }

  #createRun(pipelineId: string, now: number): string {
    mkdirSync(this.root, { recursive: true });
    const base = `${pipelineId}-${stampOf(now)}`;
    for (let suffix = 1; ; suffix++) {
      const runId = suffix === 1 ? base : `${base}-${suffix}`;
      try {
        mkdirSync(this.runDir(runId));
      } catch (failure) {
        if ((failure as NodeJS.ErrnoException).code === "EEXIST") continue;
        throw failure;
      }
      mkdirSync(join(this.runDir(runId), "logs"));
      mkdirSync(join(this.runDir(runId), "scripts"));
      return runId;
    }
  }

  openJournal(runId: string, record: RunRecord | null): Journal {
    return new Journal(join(this.runDir(runId), JOURNAL), record);
  }

  read(runId: string): RunRecord | null {
    const path = join(this.runDir(runId), JOURNAL);
    if (!existsSync(path)) return null;
    return replayJournal(readFileSync(path, "utf8"));
  }

  /** Run ids, newest first; only those of one pipeline when given. */
  runIds(pipelineId: string | null = null): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root)
      .filter((name) => {
        const pipeline = pipelineOfRunId(name);
        return pipeline !== null && (pipelineId === null || pipeline === pipelineId) && existsSync(join(this.root, name, JOURNAL));
      })
      .sort((a, b) => {
        const [, , stampA = "", suffixA = "1"] = RUN_ID.exec(a) ?? [];
        const [, , stampB = "", suffixB = "1"] = RUN_ID.exec(b) ?? [];
        return stampA !== stampB ? (stampA < stampB ? 1 : -1) : Number(suffixB) - Number(suffixA);
      });
  }
}

export class Journal {
  readonly #fd: number;
  #record: RunRecord | null;

  /** `record`: the run as its journal told it so far (null for a new run); kept up to date with every append. */
  constructor(
    readonly path: string,
    record: RunRecord | null,
  ) {
    this.#fd = openSync(path, "a");
    this.#record = record;
  }

  get record(): RunRecord | null {
    return this.#record;
  }

  /** One write per record: a record is on disk (in the page cache) before the runner acts on it. */
  append(event: RunEvent): void {
    writeSync(this.#fd, `${JSON.stringify(event)}\n`);
    this.#record = applyEvent(this.#record, event);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
