import type { Duration, PipelineSpec, ScheduleSpec } from "@orchc/dsl";
import { durationSeconds } from "./parse-duration.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { canonicalTimeZone, parseCron } from "./parse-cron.js";

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
        error("ORC120", `invalid cron \`${schedule.cron}\`: ${result.reason}`, {
          hint: result.hint,
          subject: { file, pipelineId: spec.id, path: [...path, "cron"], value: schedule.cron },
        }),
      );
    }
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
  positive(spec.timeout, ["timeout"]);
  for (const [name, environment] of Object.entries(spec.environments ?? {})) positive(environment.timeout, ["environments", name, "timeout"]);
  for (const task of spec.tasks) {
    positive(task.timeout, ["timeout"], task.id);
    const retries = task.retries;
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
