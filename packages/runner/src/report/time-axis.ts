export interface Tick {
  /** Milliseconds from the start of the chart. */
  readonly at: number;
  readonly label: string;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Round steps, so tick labels read 0, 30s, 1m, 1m 30s… rather than 0, 27.3s, 54.6s. */
const STEPS: ReadonlyArray<number> = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY,
];

/** The smallest round step that gives at most `maxTicks` intervals over the span, and its ticks. */
export function timeTicks(spanMs: number, maxTicks: number): { readonly stepMs: number; readonly ticks: ReadonlyArray<Tick> } {
  const span = Math.max(spanMs, 1);
  const intervals = Math.max(maxTicks, 1);
  const largest = STEPS[STEPS.length - 1] as number;
  const stepMs = STEPS.find((step) => span / step <= intervals) ?? largest * Math.ceil(span / (largest * intervals));
  const ticks: Tick[] = [];
  for (let at = 0; at <= span; at += stepMs) ticks.push({ at, label: formatTick(at) });
  return { stepMs, ticks };
}

/** A compact offset for an axis: 0, 250ms, 1.5s, 45s, 1m 30s, 2h 15m, 1d 6h. */
export function formatTick(ms: number): string {
  if (ms === 0) return "0";
  if (ms < SECOND) return `${ms}ms`;
  if (ms < MINUTE) return `${Number((ms / SECOND).toFixed(3))}s`;
  const units: ReadonlyArray<readonly [number, string]> = [[DAY, "d"], [HOUR, "h"], [MINUTE, "m"], [SECOND, "s"]];
  const parts: string[] = [];
  let rest = Math.round(ms / SECOND) * SECOND;
  for (const [size, suffix] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${suffix}`);
  }
  return parts.slice(0, 2).join(" ");
}

const pad = (value: number) => String(value).padStart(2, "0");

/** A duration for people: 420 ms, 12.3 s, 4m 05s, 1h 02m, 2d 03h. */
export function humanDuration(ms: number): string {
  const value = Math.max(Math.round(ms), 0);
  if (value < SECOND) return `${value} ms`;
  const tenths = Math.round(value / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(value / SECOND);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  const minutes = Math.round(value / MINUTE);
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
  const hours = Math.round(value / HOUR);
  return `${Math.floor(hours / 24)}d ${pad(hours % 24)}h`;
}

/** An ISO 8601 UTC timestamp to the second: 2024-05-01T12:00:00Z. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
