import type { ScheduleSpec } from "./spec.js";

export const SCHEDULE_PRESETS = ["@hourly", "@daily", "@weekly", "@monthly", "@quarterly", "@yearly"] as const;
export type SchedulePreset = (typeof SCHEDULE_PRESETS)[number];

/**
 * A schedule: a five-field cron (minute hour day-of-month month day-of-week) or a preset.
 *
 * @example cron("0 6 * * *", { timezone: "UTC" })   // Airflow "0 6 * * *", Databricks "0 0 6 * * ?"
 */
export function cron(expression: SchedulePreset | (string & {}), options: { timezone?: string } = {}): ScheduleSpec {
  return options.timezone === undefined ? { cron: expression } : { cron: expression, timezone: options.timezone };
}
