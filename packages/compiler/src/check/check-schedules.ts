import type { Duration, PipelineSpec, ScheduleSpec } from "@orchc/dsl";
import { durationSeconds } from "./parse-duration.js";
import { error, warning, type Diagnostic, type DiagnosticSubject } from "../diagnostics/diagnostic.js";
import { canonicalTimeZone, parseCron } from "./parse-cron.js";
import { transitionFire, type TransitionFire } from "./zone-transitions.js";

/**
 * Bounds every target can represent. Retries: a GitHub step unrolls its retry loop and Airflow and
 * Databricks store an int32, and no real policy needs more than 100. Durations: Databricks' job and
 * task `timeout_seconds` and `min_retry_interval_millis` are int32 in the Jobs API (the bundle schema
 * says only "int"), Airflow's timedelta reaches 999,999,999 days; the int32 limits are the smaller.
 */
export const MAX_RETRIES = 100;
export const MAX_TIMEOUT_SECONDS = 2_147_483_647;
export const MAX_RETRY_DELAY_SECONDS = Math.floor(2_147_483_647 / 1000);

/** A YYYY-MM-DD string that names a real calendar day (2024-02-30 does not). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** What each engine does with a fire time that a daylight-saving change skips or repeats, as measured with the real engines (test/conformance/schedules). */
function transitionWarning(cron: string, zone: string, fire: TransitionFire, subject: DiagnosticSubject): Diagnostic {
  // Times only: the date of the first change met moves with the year a build runs in.
  const time = fire.local.slice(11);
  const what = {
    gap: `${time} does not exist in ${zone} on the day clocks skip ${fire.window}: Airflow runs it later by the length of the change, GitHub Actions (and croniter) at the end of the skipped time, Databricks (Quartz) skips that run`,
    fold: `${time} happens twice in ${zone} on the day clocks repeat ${fire.window}: croniter runs at both, Databricks (Quartz) and Airflow at the second only (Airflow at both when the schedule runs every hour); GitHub Actions does not document which`,
    everyHour: `it runs every hour, and Airflow finds each next run by adding wall-clock time, so a run after a daylight-saving change in ${zone} can land an hour (or the change's length) away from where Databricks (Quartz) runs it`,
  }[fire.kind];
  return warning("ORC125", `schedule \`${cron}\` can fire inside a daylight-saving change, where targets disagree: ${what}`, {
    hint: `${fire.kind === "everyHour" ? `leave the hours ${fire.window} out` : `schedule outside ${fire.window} local time`}, or set \`timezone: "UTC"\` so every target fires at the same instants`,
    subject,
  });
}

/** The base schedule and every environment's are parsed; retry policies must make sense. */
export function checkSchedulesAndRetries(spec: PipelineSpec, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const checkSchedule = (schedule: ScheduleSpec, path: ReadonlyArray<string>) => {
    const zone = schedule.timezone ?? "UTC";
    const canonical = canonicalTimeZone(zone);
    if (canonical === null) {
      diagnostics.push(
        error("ORC121", `unknown time zone \`${zone}\``, {
          hint: "use an IANA name such as `UTC` or `Europe/Paris`",
          subject: { file, pipelineId: spec.id, path: [...path, "timezone"], value: zone },
        }),
      );
    }
    const result = parseCron(schedule.cron, canonical ?? zone);
    if (!result.ok) {
      diagnostics.push(
        error(result.dialects ? "ORC124" : "ORC120", `${result.dialects ? "ambiguous" : "invalid"} cron \`${schedule.cron}\`: ${result.reason}`, {
          hint: result.hint,
          subject: { file, pipelineId: spec.id, path: [...path, "cron"], value: schedule.cron },
        }),
      );
      return;
    }
    if (canonical === null) return;
    const fire = transitionFire(result.schedule, new Date().getUTCFullYear());
    if (fire) diagnostics.push(transitionWarning(schedule.cron, canonical, fire, { file, pipelineId: spec.id, path: [...path, "cron"], value: schedule.cron }));
  };
  if (spec.schedule) checkSchedule(spec.schedule, ["schedule"]);
  for (const [name, environment] of Object.entries(spec.environments ?? {})) {
    if (environment.schedule) checkSchedule(environment.schedule, ["environments", name, "schedule"]);
  }
  const positive = (duration: Duration | null | undefined, path: ReadonlyArray<string>, taskId?: string) => {
    if (duration === undefined || duration === null || durationSeconds(duration) >= 1) return;
    diagnostics.push(
      error("ORC122", `a timeout of \`${duration}\` is shorter than one second`, {
        hint: "timeouts are whole seconds, at least 1; leave the timeout out for none",
        subject: { file, pipelineId: spec.id, path, ...(taskId && { taskId }) },
      }),
    );
  };
  const bounded = (duration: Duration | null | undefined, max: number, what: string, path: ReadonlyArray<string>, taskId?: string) => {
    if (duration === undefined || duration === null || durationSeconds(duration) <= max) return;
    diagnostics.push(
      error("ORC116", `${what} of \`${duration}\` is longer than every target can represent (at most ${max} seconds)`, {
        hint: max === MAX_TIMEOUT_SECONDS ? "Databricks stores timeouts as 32-bit seconds (about 68 years); leave the timeout out for none" : "Databricks stores the retry interval as 32-bit milliseconds (about 24.8 days)",
        subject: { file, pipelineId: spec.id, path, ...(taskId && { taskId }) },
      }),
    );
  };
  const timeout = (duration: Duration | null | undefined, path: ReadonlyArray<string>, taskId?: string) => {
    positive(duration, path, taskId);
    bounded(duration, MAX_TIMEOUT_SECONDS, "a timeout", path, taskId);
  };
  const startDate = (overrides: { airflow?: Readonly<Record<string, unknown>> } | undefined, path: ReadonlyArray<string>) => {
    const written = overrides?.airflow !== undefined && Object.hasOwn(overrides.airflow, "startDate") ? overrides.airflow.startDate : undefined;
    if (written === undefined || (typeof written === "string" && isCalendarDate(written))) return;
    diagnostics.push(
      error("ORC117", `start date \`${String(written)}\` is not a calendar date written YYYY-MM-DD`, {
        hint: "Airflow fails to import a DAG whose start date does not exist; pick a real day, e.g. `2024-02-29`",
        subject: { file, pipelineId: spec.id, path: [...path, "overrides", "airflow", "startDate"], ...(typeof written === "string" && { value: written }) },
      }),
    );
  };
  startDate(spec.overrides, []);
  for (const [name, environment] of Object.entries(spec.environments ?? {})) startDate(environment.overrides, ["environments", name]);
  timeout(spec.timeout, ["timeout"]);
  for (const [name, environment] of Object.entries(spec.environments ?? {})) timeout(environment.timeout, ["environments", name, "timeout"]);
  for (const task of spec.tasks) {
    timeout(task.timeout, ["timeout"], task.id);
    const retries = task.retries;
    if (retries !== undefined && retries.count > MAX_RETRIES) {
      diagnostics.push(
        error("ORC116", `task \`${task.id}\` retries ${retries.count} times; the limit is ${MAX_RETRIES}`, {
          hint: "every target writes or stores each retry (GitHub unrolls them into the step); retry less, or fix what fails",
          subject: { file, pipelineId: spec.id, taskId: task.id, path: ["retries", "count"] },
        }),
      );
    }
    bounded(retries?.delay, MAX_RETRY_DELAY_SECONDS, `task \`${task.id}\`: a retry delay`, ["retries", "delay"], task.id);
    bounded(retries?.maxDelay, MAX_RETRY_DELAY_SECONDS, `task \`${task.id}\`: a maximum retry delay`, ["retries", "maxDelay"], task.id);
    if (retries?.maxDelay !== undefined && retries.backoff !== "exponential") {
      diagnostics.push(
        error("ORC138", `task \`${task.id}\` sets \`maxDelay\` without exponential backoff`, {
          hint: 'add `backoff: "exponential"`, or drop `maxDelay`',
          subject: { file, pipelineId: spec.id, taskId: task.id, path: ["retries"] },
        }),
      );
    }
  }
  return diagnostics;
}
