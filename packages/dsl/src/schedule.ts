import type { ScheduleSpec } from "./spec.js";

/** The presets `cron()` accepts besides a five-field expression. */
export const SCHEDULE_PRESETS = ["@hourly", "@daily", "@weekly", "@monthly", "@quarterly", "@yearly"] as const;
/** One of `SCHEDULE_PRESETS`. */
export type SchedulePreset = (typeof SCHEDULE_PRESETS)[number];

/**
 * A schedule: a five-field cron (minute hour day-of-month month day-of-week) or a preset, in UTC
 * unless a time zone is given. Airflow `schedule`, Databricks a quartz cron (warned where daylight
 * saving moves a fire time), GitHub Actions `on.schedule` (no more often than every 5 minutes); the
 * local runner starts runs only when asked.
 *
 * @example
 * ```ts
 * cron("0 6 * * *", { timezone: "UTC" })   // Airflow "0 6 * * *", Databricks "0 0 6 * * ?"
 * ```
 */
export function cron(expression: SchedulePreset | (string & {}), options: { timezone?: string } = {}): ScheduleSpec {
  return options.timezone === undefined ? { cron: expression } : { cron: expression, timezone: options.timezone };
}
