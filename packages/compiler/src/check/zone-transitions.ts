import type { ScheduleNode } from "../ir/schedule-node.js";

/** One change of a zone's UTC offset: `at` is the instant (epoch ms), offsets are minutes east of UTC. */
export interface ZoneTransition {
  readonly at: number;
  readonly offsetBefore: number;
  readonly offsetAfter: number;
}

/** A local wall-clock minute that a schedule fires at and that does not exist, or exists twice, in its zone. */
export interface TransitionFire {
  /** `everyHour`: a schedule that runs every hour, which Airflow moves by the change (see transitionFire). */
  readonly kind: "gap" | "fold" | "everyHour";
  /** Local wall-clock time, `YYYY-MM-DD HH:MM`. */
  readonly local: string;
  /** The wall-clock window the transition skips (gap) or repeats (fold), `HH:MM–HH:MM`. */
  readonly window: string;
}

const MINUTE_MS = 60_000;
/** The scan's step: no zone's rules change its offset twice within a week, and a week keeps the scan at a few ms a zone. */
const STEP_MS = 7 * 86_400_000;
/** Years ahead whose transitions are checked: long enough to meet every rule a zone has today. */
export const TRANSITION_YEARS = 10;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at an instant, in minutes, from the time-zone data Node carries (ICU). */
function offsetMinutes(zone: string, at: number): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

const transitionCache = new Map<string, ReadonlyArray<ZoneTransition>>();

/** Every offset change of `zone` from the start of `fromYear` to the end of `fromYear + years - 1`. */
export function zoneTransitions(zone: string, fromYear: number, years = TRANSITION_YEARS): ReadonlyArray<ZoneTransition> {
  const key = `${zone}\u0000${fromYear}\u0000${years}`;
  const cached = transitionCache.get(key);
  if (cached) return cached;
  const transitions: ZoneTransition[] = [];
  const end = Date.UTC(fromYear + years, 0, 1);
  let at = Date.UTC(fromYear, 0, 1);
  let offset = offsetMinutes(zone, at);
  // Bisection narrows each change found by the scan to the minute.
  for (let next = at + STEP_MS; at < end; at = next, next += STEP_MS) {
    const nextOffset = offsetMinutes(zone, next);
    if (nextOffset === offset) continue;
    let [low, high] = [at, next];
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offsetMinutes(zone, middle) === offset) low = middle;
      else high = middle;
    }
    transitions.push({ at: high, offsetBefore: offset, offsetAfter: nextOffset });
    offset = nextOffset;
  }
  transitionCache.set(key, transitions);
  return transitions;
}

/** Whether the schedule fires at a local wall-clock minute, read as naive UTC fields. Unix cron ORs two restricted day fields. */
function firesAt(schedule: ScheduleNode, wall: Date): boolean {
  const has = (values: ReadonlyArray<number>, value: number) => values.includes(value);
  if (!has(schedule.minute.values, wall.getUTCMinutes()) || !has(schedule.hour.values, wall.getUTCHours()) || !has(schedule.month.values, wall.getUTCMonth() + 1)) return false;
  const date = has(schedule.dayOfMonth.values, wall.getUTCDate());
  const weekday = has(schedule.dayOfWeek.values, wall.getUTCDay());
  const both = schedule.dayOfMonth.text !== "*" && schedule.dayOfWeek.text !== "*";
  return both ? date || weekday : date && weekday;
}

const wallText = (wall: number) => new Date(wall).toISOString().slice(0, 16).replace("T", " ");

/**
 * The first minute the schedule fires at inside a transition of its zone over the coming years: a
 * wall-clock time that a spring-forward skips (gap) or a fall-back repeats (fold). Engines disagree
 * there (Quartz skips a gap and fires a fold once; croniter and GitHub fire a gap at the jump, and
 * croniter a fold twice), as test/conformance/schedules shows with the real engines. Null for a zone
 * without transitions.
 */
export function transitionFire(schedule: ScheduleNode, fromYear: number): TransitionFire | null {
  if (schedule.timezone === "UTC") return null;
  const transitions = zoneTransitions(schedule.timezone, fromYear);
  for (const transition of transitions) {
    const before = transition.at + transition.offsetBefore * MINUTE_MS;
    const after = transition.at + transition.offsetAfter * MINUTE_MS;
    const [start, stop] = before < after ? [before, after] : [after, before];
    // A schedule that runs every hour skips a gap's times alike on every engine (croniter, too, only
    // moves a run whose hour the change skips); only a fall-back divides them.
    if (before < after && !schedule.hour.restricted) continue;
    for (let wall = start; wall < stop; wall += MINUTE_MS) {
      if (firesAt(schedule, new Date(wall))) {
        return { kind: before < after ? "gap" : "fold", local: wallText(wall), window: `${wallText(start).slice(11)}–${wallText(stop).slice(11)}` };
      }
    }
  }
  // Airflow finds the next run of a schedule that covers every hour by adding the wall-clock gap to
  // the last one (CronMixin._get_next), so a run after a change lands an hour (Lord Howe: half an
  // hour) away from where Quartz and croniter put it: real Airflow 3.3 in test/conformance/schedules.
  const first = transitions[0];
  if (!schedule.hour.restricted && first) {
    const [before, after] = [first.at + first.offsetBefore * MINUTE_MS, first.at + first.offsetAfter * MINUTE_MS];
    const [start, stop] = before < after ? [before, after] : [after, before];
    return { kind: "everyHour", local: wallText(before).slice(0, 10), window: `${wallText(start).slice(11)}–${wallText(stop).slice(11)}` };
  }
  return null;
}
