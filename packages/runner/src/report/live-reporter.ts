import type { RunEvent } from "../store/run-events.js";
import { formatDuration, type Style } from "./format.js";
import { iterationLabel, LineReporter } from "./line-reporter.js";
import type { RunHeader, TextSink } from "./reporter.js";

const SHOWN_RUNNING = 8;
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * On a terminal: the same lines as the line reporter scroll above a footer that shows what is
 * running right now and for how long, redrawn ten times a second.
 */
export class LiveReporter extends LineReporter {
  readonly #running = new Map<string, number>();
  #footerHeight = 0;
  #pending: string[] = [];
  #scheduled = false;
  #closed = false;
  #frame = 0;
  #total = 0;
  #finished = 0;
  #failed = 0;
  #startedAt = Date.now();
  readonly #timer: NodeJS.Timeout;

  constructor(sink: TextSink, style: Style) {
    super(sink, style);
    this.#timer = setInterval(() => this.#redraw(), 100);
    this.#timer.unref();
  }

  override header(header: RunHeader): void {
    this.#total = header.selected.length;
    this.#startedAt = Date.now();
    super.header(header);
  }

  override event(event: RunEvent): void {
    if (event.type === "task_started") this.#running.set(iterationLabel(event.task, event.iteration), event.at);
    if (event.type === "attempt_finished") this.#running.delete(iterationLabel(event.task, event.iteration));
    if (event.type === "task_finished") {
      this.#finished++;
      if (event.status === "failed") this.#failed++;
    }
    super.event(event);
  }

  /** Lines wait for the end of the event loop's turn, so a burst of events redraws the footer once. */
  protected override print(lines: ReadonlyArray<string>): void {
    this.#pending.push(...lines);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#draw());
  }

  override close(): void {
    clearInterval(this.#timer);
    this.#closed = true;
    const lines = this.#pending.splice(0);
    this.sink.write(this.#clearFooter() + (lines.length > 0 ? `${lines.join("\n")}\n` : ""));
  }

  #draw(): void {
    this.#scheduled = false;
    if (this.#closed) return;
    const lines = this.#pending.splice(0);
    this.sink.write(this.#clearFooter() + (lines.length > 0 ? `${lines.join("\n")}\n` : "") + this.#footer());
  }

  #redraw(): void {
    this.#frame = (this.#frame + 1) % FRAMES.length;
    if (!this.#scheduled) this.#draw();
  }

  #clearFooter(): string {
    const height = this.#footerHeight;
    this.#footerHeight = 0;
    return height === 0 ? "" : `\x1b[${height}A\x1b[J`;
  }

  #footer(): string {
    if (this.#total === 0) return "";
    const now = Date.now();
    const running = [...this.#running].sort((a, b) => a[1] - b[1]);
    const lines = running.slice(0, SHOWN_RUNNING).map(([task, since]) => `  ${FRAMES[this.#frame]} ${task} ${this.style.dim(formatDuration(now - since))}`);
    if (running.length > SHOWN_RUNNING) lines.push(this.style.dim(`    and ${running.length - SHOWN_RUNNING} more`));
    const failed = this.#failed > 0 ? `, ${this.style.red(`${this.#failed} failed`)}` : "";
    lines.push(this.style.dim(`  ${this.#finished}/${this.#total} done, ${running.length} running${failed} · ${formatDuration(now - this.#startedAt)}`));
    this.#footerHeight = lines.length;
    return `${lines.join("\n")}\n`;
  }
}
