import type { CronFieldNode, ScheduleNode } from "@orchc/compiler";

// Each field is rebuilt from the parsed values rather than copied: the written text may hold forms that
// Quartz rejects (`*/90`: increments must stay inside the field) or reads differently (a step after a
// name range, `MON-FRI/2`, is silently dropped; DOW numbers are shifted by one).

interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

const MINUTE: Bounds = { lo: 0, hi: 59 };
const HOUR: Bounds = { lo: 0, hi: 23 };
const DAY_OF_MONTH: Bounds = { lo: 1, hi: 31 };
const MONTH: Bounds = { lo: 1, hi: 12 };

/** Names, not numbers: Quartz counts SUN = 1, Unix SUN = 0, so only names mean the same day in both. */
const WEEKDAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

/** February counts its leap day: a day-of-month list leaves no date out only if it reaches the 29th there. */
const LONGEST_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export type QuartzCronResult = { ok: true; expression: string } | { ok: false; reason: string; wayOut: string };

type DayFields = { ok: true; dayOfMonth: string; dayOfWeek: string } | { ok: false; reason: string; wayOut: string };

const ascending = (values: ReadonlyArray<number>): number[] => [...new Set(values)].sort((a, b) => a - b);

/** The common difference when the values form an arithmetic progression long enough to be worth a step. */
function progressionStep(values: ReadonlyArray<number>): number | null {
  if (values.length < 3) return null;
  const step = values[1]! - values[0]!;
  return values.every((value, index) => index === 0 || value - values[index - 1]! === step) ? step : null;
}

/** Runs of three or more become `A-B`; shorter ones stay listed (`SUN,FRI,SAT`, as the reference table writes them). */
function runs(values: ReadonlyArray<number>, label: (value: number) => string): string {
  const parts: string[] = [];
  let start = 0;
  for (let index = 1; index <= values.length; index++) {
    if (index < values.length && values[index] === values[index - 1]! + 1) continue;
    const run = values.slice(start, index);
    parts.push(...(run.length >= 3 ? [`${label(run[0]!)}-${label(run.at(-1)!)}`] : run.map(label)));
    start = index;
  }
  return parts.join(",");
}

/**
 * Only forms both dialects read alike: ascending ranges, and steps whose start is explicit for the
 * 1-based fields (`1/3`, never `*\/3`) and whose increment is smaller than the field.
 */
function numericField(values: ReadonlyArray<number>, bounds: Bounds): string {
  const sorted = ascending(values);
  if (sorted.length === bounds.hi - bounds.lo + 1) return "*";
  const step = progressionStep(sorted);
  if (step === null || step === 1) return runs(sorted, String);
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  if (last + step <= bounds.hi) return `${first}-${last}/${step}`;
  return first === 0 ? `*/${step}` : `${first}/${step}`;
}

function coversEveryDate(schedule: ScheduleNode): boolean {
  const longest = Math.max(...schedule.month.values.map((month) => LONGEST_MONTH[month - 1] ?? 31));
  const dates = new Set(schedule.dayOfMonth.values);
  return Array.from({ length: longest }, (_, index) => index + 1).every((date) => dates.has(date));
}

const coversEveryWeekday = (field: CronFieldNode): boolean => new Set(field.values).size === 7;

/**
 * A day field written `*` leaves the choice of days to the other one, as Quartz's `?` does. Two
 * written day fields run when either matches, which Quartz cannot say.
 */
function dayFields(schedule: ScheduleNode): DayFields {
  const { dayOfMonth, dayOfWeek } = schedule;
  const everyDate = coversEveryDate(schedule);
  const everyWeekday = coversEveryWeekday(dayOfWeek);
  const dates = everyDate ? "*" : numericField(dayOfMonth.values, DAY_OF_MONTH);
  if (dayOfWeek.text === "*") return { ok: true, dayOfMonth: dates, dayOfWeek: "?" };
  const weekdays = runs(ascending(dayOfWeek.values), (day) => WEEKDAY_NAMES[day]!);
  if (dayOfMonth.text === "*") return everyWeekday ? { ok: true, dayOfMonth: "*", dayOfWeek: "?" } : { ok: true, dayOfMonth: "?", dayOfWeek: weekdays };
  if (everyDate && everyWeekday) return { ok: true, dayOfMonth: "*", dayOfWeek: "?" };
  if (everyDate || everyWeekday) return ambiguousFullField(everyDate ? "day-of-month" : "day-of-week", everyDate ? dayOfMonth : dayOfWeek);
  return {
    ok: false,
    reason: `Unix cron runs on any day matching either day rule (day-of-month \`${dayOfMonth.text}\` or day-of-week \`${dayOfWeek.text}\`), and Quartz cannot express "either day rule": one of its day fields must be \`?\``,
    wayOut: "split it into two pipelines, one per day rule (Databricks needs a job per schedule), or write `*` in one of the two day fields",
  };
}

/**
 * A day field that lists every value without being `*` (`1-31`, `0-6`, `*\/1`) makes the OR match every
 * day for cron-parser, but Airflow's croniter reads it as `*` (the other rule alone), as Vixie cron does
 * when the field starts with `*`: no single translation is right on every target.
 */
function ambiguousFullField(name: "day-of-month" | "day-of-week", field: CronFieldNode): DayFields {
  const other = name === "day-of-month" ? "day-of-week" : "day-of-month";
  return {
    ok: false,
    reason: `${name} \`${field.text}\` allows every day without being \`*\`, and Unix crons disagree on what that means beside a restricted ${other}: every day, or only the ${other} rule`,
    wayOut: `write the ${name} field as \`*\` to follow the ${other} rule alone, or the ${other} field as \`*\` to run every day`,
  };
}

/**
 * The Databricks (Quartz) form of a portable five-field schedule: the same fire times, except where a
 * daylight-saving change skips or repeats one, which the checks warn about (ORC125; docs/databricks.md).
 */
export function quartzCron(schedule: ScheduleNode): QuartzCronResult {
  const days = dayFields(schedule);
  if (!days.ok) return days;
  const fields = ["0", numericField(schedule.minute.values, MINUTE), numericField(schedule.hour.values, HOUR), days.dayOfMonth, numericField(schedule.month.values, MONTH), days.dayOfWeek];
  return { ok: true, expression: fields.join(" ") };
}
