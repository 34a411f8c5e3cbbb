import type { Duration } from "@orchc/dsl";

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** Seconds for a duration already checked by the schema (`"90s"`, `"3h"`, or a number). */
export function durationSeconds(duration: Duration): number {
  if (typeof duration === "number") return Math.round(duration);
  const unit = duration.slice(-1) as keyof typeof UNIT_SECONDS;
  return Math.round(Number(duration.slice(0, -1)) * UNIT_SECONDS[unit]);
}
