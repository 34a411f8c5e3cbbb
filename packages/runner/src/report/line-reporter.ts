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

/** One line per event, task output prefixed by its task id: for logs, CI and pipes. */
export class LineReporter implements Reporter {
  #lastAttempt = new Map<string, number>();
  constructor(
    protected readonly sink: TextSink,
    protected readonly style: Style,
  ) {}

  protected print(lines: ReadonlyArray<string>): void {
    if (lines.length > 0) this.sink.write(`${lines.join("\n")}\n`);
  }

  header(header: RunHeader): void {
    for (const task of header.plan.tasks) this.#lastAttempt.set(task.id, (header.previousAttempts.get(task.id) ?? 0) + task.retry.count + 1);
    this.print(headerLines(header, this.style));
  }

  event(event: RunEvent): void {
    const line = this.describe(event);
    if (line !== null) this.print([`${this.style.dim(clockTime(event.at))} ${line}`]);
  }

  protected describe(event: RunEvent): string | null {
    const { style } = this;
    switch (event.type) {
      case "task_started":
        return `${"start".padEnd(8)}${event.task}${attemptOf(event.attempt, this.#lastAttempt.get(event.task))}`;
      case "attempt_finished": {
        const took = formatDuration(event.durationMs);
        if (event.outcome === "success") return `${style.green("ok".padEnd(8))}${event.task} ${style.dim(took)}`;
        const why = event.outcome === "timed_out" ? "timed out" : event.outcome === "interrupted" ? "interrupted" : `exit code ${event.exitCode ?? "?"}`;
        return `${style.red(event.outcome === "interrupted" ? "stopped".padEnd(8) : "failed".padEnd(8))}${event.task}: ${why} after ${took}${attemptOf(event.attempt, this.#lastAttempt.get(event.task))}`;
      }
      case "retry_scheduled":
        return `${style.yellow("retry".padEnd(8))}${event.task} in ${event.delaySeconds}s${attemptOf(event.attempt, this.#lastAttempt.get(event.task))}`;
      case "task_finished":
        if (event.status === "skipped") return `${style.dim("skipped".padEnd(8))}${event.task}: ${event.reason ?? ""}`;
        return event.status === "upstream_failed" ? `${style.red("upstream failed")} ${event.task}: ${event.reason ?? ""}` : null;
      default:
        return null;
    }
  }

  /** Task output reaches the terminal (or a CI log shown in one) without its escape sequences; the log file keeps them. */
  output(event: OutputEvent): void {
    this.print([`${this.style.dim(`${event.task} |`)} ${terminalText(event.line)}`]);
  }

  summary(summary: RunSummary): void {
    this.print(["", ...summaryLines(summary, this.style)]);
  }

  close(): void {}
}
