import { shownValue } from "../engine/for-each-items.js";
import type { OutputEvent, RunEvent } from "../store/run-events.js";
import { clockTime, formatDuration, type Style } from "./format.js";
import type { Reporter, RunHeader, RunSummary, TextSink } from "./reporter.js";
import { summaryLines } from "./run-summary-text.js";
import { terminalText } from "./terminal-text.js";

export function headerLines(header: RunHeader, style: Style): string[] {
  const { plan } = header;
  const environment = header.environment === null ? "" : `, environment ${header.environment}`;
  const resumed = header.session > 1 ? ` (resumed, session ${header.session})` : "";
  const lines = [`${style.bold(`orchc run ${header.runId}`)}${resumed}: ${header.selected.length} of ${plan.tasks.length} tasks, parallel ${header.parallel}${environment}`];
  const params = Object.entries(header.params);
  if (params.length > 0) lines.push(`  params: ${params.map(([name, value]) => `${name}=${terminalText(JSON.stringify(value))}`).join(", ")}`);
  lines.push(`  run store: ${terminalText(header.runDir)}`);
  for (const note of header.notes) lines.push(`  ${style.yellow("note:")} ${note}`);
  if (plan.inert.length > 0) {
    lines.push(`  ${style.dim("parity report (what this run does not do):")}`);
    for (const line of plan.inert) lines.push(`    ${style.dim(`- ${line}`)}`);
  }
  return lines;
}

/** Attempt counts as `2 of 3` only when retries are possible; a resumed run's numbers go on from its earlier sessions. */
const attemptOf = (attempt: number, last: number | undefined) => (last !== undefined && last > 1 ? ` (attempt ${attempt} of ${last})` : "");

/** `load[3]`: a for-each task's iteration by its index in the list. */
export const iterationLabel = (task: string, iteration: number | undefined): string => (iteration === undefined ? task : `${task}[${iteration}]`);

/** One line per event, task output prefixed by its task id: for logs, CI and pipes. */
export class LineReporter implements Reporter {
  #lastAttempt = new Map<string, number>();
  #tasks = new Map<string, RunHeader["plan"]["tasks"][number]>();
  #previousIterationAttempts: RunHeader["previousIterationAttempts"] = new Map();
  constructor(
    protected readonly sink: TextSink,
    protected readonly style: Style,
  ) {}

  protected print(lines: ReadonlyArray<string>): void {
    if (lines.length > 0) this.sink.write(`${lines.join("\n")}\n`);
  }

  header(header: RunHeader): void {
    for (const task of header.plan.tasks) {
      this.#lastAttempt.set(task.id, (header.previousAttempts.get(task.id) ?? 0) + task.retry.count + 1);
      this.#tasks.set(task.id, task);
    }
    this.#previousIterationAttempts = header.previousIterationAttempts;
    this.print(headerLines(header, this.style));
  }

  event(event: RunEvent): void {
    const line = this.describe(event);
    if (line !== null) this.print([`${this.style.dim(clockTime(event.at))} ${line}`]);
  }

  /** The last attempt an attempt of this task (or of this iteration) may have: its earlier sessions' attempts, then the retries. */
  #lastAttemptOf(task: string, iteration: number | undefined): number | undefined {
    if (iteration === undefined) return this.#lastAttempt.get(task);
    const retries = this.#tasks.get(task)?.retry.count;
    return retries === undefined ? undefined : (this.#previousIterationAttempts.get(task)?.attempts.get(iteration) ?? 0) + retries + 1;
  }

  protected describe(event: RunEvent): string | null {
    const { style } = this;
    switch (event.type) {
      case "task_started": {
        const item = event.item === undefined ? "" : ` ${style.dim(terminalText(shownValue(event.item)))}`;
        return `${"start".padEnd(8)}${iterationLabel(event.task, event.iteration)}${item}${attemptOf(event.attempt, this.#lastAttemptOf(event.task, event.iteration))}`;
      }
      case "attempt_finished": {
        const took = formatDuration(event.durationMs);
        const label = iterationLabel(event.task, event.iteration);
        if (event.outcome === "success") return `${style.green("ok".padEnd(8))}${label} ${style.dim(took)}`;
        const why = event.outcome === "timed_out" ? "timed out" : event.outcome === "interrupted" ? "interrupted" : `exit code ${event.exitCode ?? "?"}`;
        return `${style.red(event.outcome === "interrupted" ? "stopped".padEnd(8) : "failed".padEnd(8))}${label}: ${why} after ${took}${attemptOf(event.attempt, this.#lastAttemptOf(event.task, event.iteration))}`;
      }
      case "retry_scheduled":
        return `${style.yellow("retry".padEnd(8))}${iterationLabel(event.task, event.iteration)} in ${event.delaySeconds}s${attemptOf(event.attempt, this.#lastAttemptOf(event.task, event.iteration))}`;
      case "items_listed": {
        const concurrency = this.#tasks.get(event.task)?.forEach?.concurrency ?? 1;
        const kept = event.kept.length > 0 ? `, ${event.kept.length} kept from before` : "";
        return `${"items".padEnd(8)}${event.task}: ${event.items.length} item${event.items.length === 1 ? "" : "s"}, ${concurrency} at a time${kept}`;
      }
      case "task_finished":
        if (event.status === "skipped") return `${style.dim("skipped".padEnd(8))}${event.task}: ${terminalText(event.reason ?? "")}`;
        // A for-each task's verdict comes after its iterations' lines: which of them failed.
        if (event.status === "failed" && this.#tasks.get(event.task)?.forEach !== undefined) return `${style.red("failed".padEnd(8))}${event.task}: ${terminalText(event.reason ?? "")}`;
        return event.status === "upstream_failed" ? `${style.red("upstream failed")} ${event.task}: ${event.reason ?? ""}` : null;
      default:
        return null;
    }
  }

  /** Task output reaches the terminal (or a CI log shown in one) without its escape sequences; the log file keeps them. */
  output(event: OutputEvent): void {
    this.print([`${this.style.dim(`${iterationLabel(event.task, event.iteration)} |`)} ${terminalText(event.line)}`]);
  }

  summary(summary: RunSummary): void {
    this.print(["", ...summaryLines(summary, this.style)]);
  }

  close(): void {}
}
