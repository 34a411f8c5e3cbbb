import { CronExpressionParser } from "cron-parser";
import { Settings } from "luxon";
import { SCHEDULE_PRESETS } from "@orchc/dsl";
import type { CronFieldNode, ScheduleNode } from "../ir/schedule-node.js";

const PRESET_EXPRESSIONS: Record<(typeof SCHEDULE_PRESETS)[number], string> = {
  "@hourly": "0 * * * *",
  "@daily": "0 0 * * *",
  "@weekly": "0 0 * * 0",
  "@monthly": "0 0 1 * *",
  "@quarterly": "0 0 1 */3 *",
  "@yearly": "0 0 1 1 *",
};

// cron-parser dates its expressions with luxon, which otherwise asks Intl for the system locale and
// the system time zone on first use (loading ICU's data: ~20 ms of a clean build each time); orchc
// always passes the zone, and parsing fields never depends on either.
Settings.defaultLocale = "en-US";
Settings.defaultZone = "utc";

const FIELD_NAMES = ["minute", "hour", "day-of-month", "month", "day-of-week"] as const;
const NAMES = /\b(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT)\b/gi;
/**
 * Letters other than month and day names, and `?` or `#`: Quartz's `L`/`W`/`#`/`?` and Jenkins'
 * `H` (which cron-parser accepts and resolves at random, so output would change on every build).
 */
const nonPortable = (field: string): boolean => /[A-Za-z?#]/.test(field.replace(NAMES, ""));

export type CronResult =
  | { readonly ok: true; readonly schedule: ScheduleNode }
  /** `dialects`: a form cron libraries read differently (ORC124), rather than one none accepts (ORC120). */
  | { readonly ok: false; readonly reason: string; readonly hint?: string; readonly dialects?: true };

const FIELD_BOUNDS = [
  { lo: 0, hi: 59 },
  { lo: 0, hi: 23 },
  { lo: 1, hi: 31 },
  { lo: 1, hi: 12 },
  { lo: 0, hi: 6 },
] as const;
const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** A single value as written (a number, or a month or day name), or null. */
function valueOf(text: string, index: number): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const names = index === 3 ? MONTH_NAMES : index === 4 ? DAY_NAMES : [];
  const found = names.indexOf(text.toUpperCase());
  return found < 0 ? null : index === 3 ? found + 1 : found;
}

/**
 * Forms the cron libraries behind the targets read differently, found in the written text:
 * a day-of-week step from one day (`1/2`: croniter, Airflow's, stops at Saturday, cron-parser runs on
 * to 7 = Sunday), and a backwards range (`FRI-MON`: croniter wraps it, cron-parser refuses it).
 */
function dialectProblem(fields: ReadonlyArray<string>): Extract<CronResult, { ok: false }> | null {
  for (const [index, field] of fields.entries()) {
    const bounds = FIELD_BOUNDS[index]!;
    for (const item of field.split(",")) {
      const step = /^([^*/-]+)\/(\d+)$/.exec(item);
      if (index === 4 && step) {
        const start = valueOf(step[1]!, 4);
        const by = Number(step[2]);
        if (start === null || start > 7 || by === 0) continue;
        // croniter reads 7 as 0 and stops at 6; cron-parser steps on up to 7 and reads 7 as Sunday.
        const croniter: number[] = [];
        for (let day = start % 7; day <= 6; day += by) croniter.push(day);
        const cronParser = new Set<number>();
        for (let day = start; day <= 7; day += by) cronParser.add(day % 7);
        if (croniter.length === cronParser.size && croniter.every((day) => cronParser.has(day))) continue;
        const named = !/^\d+$/.test(step[1]!);
        const list = croniter.map((day) => (named ? DAY_NAMES[day]! : String(day))).join(",");
        return {
          ok: false,
          dialects: true,
          reason: `the day-of-week step \`${item}\` starts from one day, and cron libraries disagree where it ends: Airflow's croniter stops at Saturday (\`${list}\`), cron-parser at 7, which is Sunday again (\`${[...cronParser].sort().join(",")}\`)`,
          hint: `list the days: \`${list}\`${start < 6 ? `, or step through a range: \`${step[1]}-${named ? "SAT" : "6"}/${by}\`` : ""}`,
        };
      }
      const range = /^([^*/-]+)-([^*/-]+)(?:\/(\d+))?$/.exec(item);
      if (!range) continue;
      const [from, to] = [valueOf(range[1]!, index), valueOf(range[2]!, index)];
      const sundayLast = index === 4 && to === 7;
      if (index === 4 && from === 0 && to === 0 && /^sun$/i.test(range[2]!)) {
        return {
          ok: false,
          dialects: true,
          reason: `the day-of-week range \`${item}\` runs from Sunday to Sunday: Airflow reads SUN at a range's end as 7 (every day), croniter and cron-parser as 0 (Sunday alone)`,
          hint: "write `SUN` for Sunday alone, or `*` for every day",
        };
      }
      const top = index === 4 ? 7 : bounds.hi;
      if (from === null || to === null || from <= to || sundayLast || from > top || to < bounds.lo) continue;
      const spell = (value: number, like: string) => (/^\d+$/.test(like) ? String(value) : (index === 3 ? MONTH_NAMES[value - 1]! : DAY_NAMES[value]!));
      const part = (low: string, high: string) => (low === high ? low : `${low}-${high}`);
      const split = `${part(range[1]!, spell(bounds.hi, range[1]!))},${part(spell(bounds.lo, range[2]!), range[2]!)}`;
      return {
        ok: false,
        dialects: true,
        reason: `the ${FIELD_NAMES[index]} range \`${item}\` runs backwards, past the end of the field; some cron libraries wrap it around (Airflow's croniter), others refuse it`,
        hint:
          range[3] !== undefined
            ? "write it as two ranges, one up to the end of the field and one from its start, or list the values"
            : index === 4 && from === 7
              ? `write Sunday as 0: \`${part("0", range[2]!)}\``
              : `write it as two ranges: \`${split}\``,
      };
    }
  }
  return null;
}

/** cron-parser's message for a value listed twice, in orchc's words (`0,7`: both are Sunday). */
function duplicateReason(fields: ReadonlyArray<string>, index: number, message: string): string | null {
  const duplicate = /duplicate values found: (\d+)/.exec(message);
  if (!duplicate) return null;
  const value = Number(duplicate[1]);
  if (index === 4 && value === 0) return `the day-of-week field \`${fields[index]}\` names Sunday twice: 0 and 7 (or SUN) are both Sunday; name it once`;
  return `the ${FIELD_NAMES[index]} field \`${fields[index]}\` includes ${value} more than once; list each value once`;
}

function fieldNode(text: string, values: ReadonlyArray<number | string>, full: number): CronFieldNode {
  const numbers = values.filter((value): value is number => typeof value === "number");
  return { text, values: numbers, restricted: numbers.length !== full };
}

/** Names the first field the cron library rejects when checked on its own, and why. */
function explainField(fields: ReadonlyArray<string>, whole: string): string {
  for (const [index, field] of fields.entries()) {
    const probe = FIELD_NAMES.map((_, position) => (position === index ? field : "*")).join(" ");
    try {
      CronExpressionParser.parse(probe, { tz: "UTC" });
    } catch (error) {
      return duplicateReason(fields, index, (error as Error).message) ?? `the ${FIELD_NAMES[index]} field \`${field}\` is invalid: ${(error as Error).message}`;
    }
  }
  return `the fields never match a date together: ${whole}`;
}

/** Whether a day field allows every day although it is not written as a star (`0-6`, `1-31`, or a step of 1). */
function coversAll(field: string, which: "dom" | "dow"): boolean {
  const probe = which === "dom" ? `0 0 ${field} * *` : `0 0 * * ${field}`;
  try {
    const values = CronExpressionParser.parse(probe, { tz: "UTC" }).fields;
    const days = which === "dom" ? values.dayOfMonth.values : values.dayOfWeek.values;
    return new Set(days.map((day) => (day === 7 ? 0 : day))).size === (which === "dom" ? 31 : 7);
  } catch {
    return false;
  }
}

const parsed = new Map<string, CronResult>();

/** Parses a five-field cron or a preset into the IR's schedule node; checks and lowering share the result. */
export function parseCron(written: string, timezone: string): CronResult {
  const key = `${timezone}\u0000${written}`;
  let result = parsed.get(key);
  if (!result) {
    result = parseCronUncached(written, timezone);
    parsed.set(key, result);
  }
  return result;
}

function parseCronUncached(written: string, timezone: string): CronResult {
  const trimmed = written.trim();
  const preset = (SCHEDULE_PRESETS as ReadonlyArray<string>).includes(trimmed) ? trimmed : null;
  const expression = preset ? PRESET_EXPRESSIONS[preset as keyof typeof PRESET_EXPRESSIONS] : trimmed.split(/\s+/).join(" ");
  if (trimmed.startsWith("@") && !preset) {
    return { ok: false, reason: `\`${trimmed}\` is not a preset orchc knows`, hint: `use one of ${SCHEDULE_PRESETS.join(", ")}` };
  }
  const fields = expression.split(" ");
  if (fields.length !== 5) {
    return {
      ok: false,
      reason: `expected 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`,
      hint: fields.length === 6 || fields.length === 7 ? "seconds and years are not portable; orchc writes the Quartz form for Databricks itself" : undefined,
    };
  }
  const unportable = fields.findIndex(nonPortable);
  if (unportable >= 0) {
    return {
      ok: false,
      reason: `the ${FIELD_NAMES[unportable]} field \`${fields[unportable]}\` uses ?, L, W, # or H, which not every target understands`,
      hint: "write the schedule in portable five-field form, or set it in a per-target override",
    };
  }
  const dialects = dialectProblem(fields);
  if (dialects) return dialects;
  const [, , dayOfMonthText, , dayOfWeekText] = fields as [string, string, string, string, string];
  if (dayOfMonthText !== "*" && dayOfWeekText !== "*" && coversAll(dayOfMonthText, "dom") !== coversAll(dayOfWeekText, "dow")) {
    return {
      ok: false,
      reason: "one day field lists every day without being `*`, and cron dialects disagree whether that still restricts (ANDs or ORs with) the other day field",
      hint: "write `*` for the day field that means every day",
    };
  }
  try {
    const parsed = CronExpressionParser.parse(expression, { tz: "UTC" }).fields;
    const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
    // The library lists Sunday as both 0 and 7; the IR keeps 0–6.
    const weekdays = [...new Set((parsed.dayOfWeek.values as ReadonlyArray<number | string>).flatMap((day) => (typeof day === "number" ? [day === 7 ? 0 : day] : [])))].sort((a, b) => a - b);
    return {
      ok: true,
      schedule: {
        expression,
        preset,
        minute: fieldNode(minute, parsed.minute.values, 60),
        hour: fieldNode(hour, parsed.hour.values, 24),
        dayOfMonth: fieldNode(dayOfMonth, parsed.dayOfMonth.values, 31),
        month: fieldNode(month, parsed.month.values, 12),
        dayOfWeek: { text: dayOfWeek, values: weekdays, restricted: weekdays.length !== 7 },
        timezone,
      },
    };
  } catch (error) {
    return {
      ok: false,
      reason: explainField(fields, (error as Error).message),
      hint: "fields: minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 0-6 or SUN-SAT (0 = Sunday)",
    };
  }
}

/**
 * The IANA zone as it is canonically spelt (`europe/paris` → `Europe/Paris`: Intl ignores case,
 * Python's zoneinfo does not), or null when the runtime does not know it.
 */
export function canonicalTimeZone(zone: string): string | null {
  // Checked without Intl for the common case: loading the time-zone data costs a clean build ~20 ms.
  if (zone === "UTC") return zone;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    return null;
  }
}
