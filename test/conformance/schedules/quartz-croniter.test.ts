// Every schedule orchc accepts fires at the same instants on Databricks (real Quartz running orchc's
// Quartz translation) as with real croniter and on real Airflow 3.3 (its CronTriggerTimetable) running
// the cron as written, in UTC and in zones
// with daylight saving (New York, Berlin, Lord Howe's half hour), except where orchc warns (ORC125)
// that the schedule meets a DST change. One JVM and one Python process per Python engine answer every pair.
import { beforeAll, describe, expect, it } from "vitest";
import { parseCron } from "../../../packages/compiler/src/check/parse-cron.js";
import { transitionFire, zoneTransitions } from "../../../packages/compiler/src/check/zone-transitions.js";
import { quartzCron } from "../../../packages/targets/src/databricks/quartz-cron.js";
import { seededRandom, testSeed } from "../../test-seed.js";
import { airflowFireTimes, croniterFireTimes, enginesMissingReason, type FireTimesAnswer, type FireTimesQuestion, quartzFireTimes } from "./engines.js";

const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata"] as const;
/** Years the starts fall in; the DST warning is asked about the same years. */
const FROM_YEAR = 2026;
const FIRES = 16;
const GENERATED = 220;

/** Schedules people write, the reference presets, and every shape the findings named. */
const CURATED = [
  "@hourly", "@daily", "@weekly", "@monthly", "@quarterly", "@yearly",
  "*/15 * * * *", "*/5 * * * *", "0 * * * *", "30 * * * *", "0 */2 * * *", "0 6 * * *", "30 2 * * 1-5", "0 2 * * SUN",
  "30 2 * * *", "30 1 * * *", "0 2 * * *", "0 3 * * *", "45 1 * * *", "15 2 * * *", "0,30 1-3 * * *", "*/20 0-4 * * *",
  "0 0 * * 0/2", "0 0 * * 0/1", "0 0 * * */2", "0 0 * * 4-7/2", "0 0 * * 5-7", "0 0 * * 7", "0 0 * * 1-5/2",
  "0 0 5/10 * *", "0 0 1 2/3 *", "5/20 * * * *", "0 5/7 * * *", "0 0 29 2 *", "0 0 31 * *", "0 0 1-7 * *", "0 12 * JAN,JUL MON",
  "*/90 * * * *", "0 0 * * MON-FRI/2", "0 0 1 JAN-DEC/3 *",
];

/** The findings' forms that croniter, cron-parser or Airflow read differently: orchc must refuse every one (ORC124). */
const REFUSED_AS_AMBIGUOUS = ["0 0 * * 1/2", "0 0 * * 3/2", "0 0 * * MON/2", "0 0 * * 6/1", "0 0 * * 1/3", "0 0 * * FRI-MON", "0 0 1 NOV-FEB *", "0 0 * * 0-SUN"];

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Random five-field crons, weighted towards the small hours where DST changes happen. */
function generatedCrons(seed: number, count: number): string[] {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T,>(values: ReadonlyArray<T>): T => values[Math.floor(random() * values.length)]!;
  const spell = (value: number, names?: (value: number) => string | undefined) => (names && random() < 0.4 ? (names(value) ?? String(value)) : String(value));
  const field = (lo: number, hi: number, star: number, names?: (value: number) => string | undefined, near?: [number, number]) => {
    const value = () => (near && random() < 0.6 ? int(near[0], near[1]) : int(lo, hi));
    const roll = random();
    if (roll < star) return "*";
    const shape = pick(["value", "value", "list", "range", "step", "startStep", "rangeStep"]);
    const a = value();
    const b = value();
    const [low, high] = [Math.min(a, b), Math.max(a, b)];
    const by = int(2, Math.max(2, Math.floor((hi - lo) / 2)));
    switch (shape) {
      case "list":
        return [...new Set([a, b, value()])].sort((x, y) => x - y).map((v) => spell(v, names)).join(",");
      case "range":
        return low === high ? spell(low, names) : `${spell(low, names)}-${spell(high, names)}`;
      case "step":
        return `*/${by}`;
      case "startStep":
        return `${spell(a, names)}/${by}`;
      case "rangeStep":
        return low === high ? spell(low, names) : `${spell(low, names)}-${spell(high, names)}/${by}`;
      default:
        return spell(a, names);
    }
  };
  return Array.from({ length: count }, () =>
    [
      field(0, 59, 0.1, undefined, [0, 59]),
      field(0, 23, 0.15, undefined, [0, 3]),
      field(1, 31, 0.7),
      field(1, 12, 0.6, (value) => MONTHS[value - 1], [3, 4]),
      field(0, 7, 0.6, (value) => DAYS[value % 7]),
    ].join(" "),
  );
}

interface Pair {
  readonly cron: string;
  readonly zone: string;
  readonly quartz: string;
  readonly warned: boolean;
}

/**
 * Starts: a quiet day, a leap February, and three hours and twenty minutes before every transition of
 * the zone in the two years (the second for frequent schedules, whose runs would end before it).
 */
function startsFor(zone: string): string[] {
  const transitions = zoneTransitions(zone, FROM_YEAR, 2).flatMap((transition) => [180, 20].map((minutes) => new Date(transition.at - minutes * 60_000).toISOString()));
  return ["2026-01-01T00:00:00.000Z", "2028-02-27T00:00:00.000Z", ...transitions];
}

const seed = testSeed("SCHEDULES_SEED");
const missing = enginesMissingReason();

describe.skipIf(missing !== null)(`Quartz (orchc's translation) and croniter (the cron as written) agree (seed ${seed}; SCHEDULES_SEED=${seed} replays)`, () => {
  const pairs: Pair[] = [];
  const refused: string[] = [];
  const mismatches: { pair: Pair; start: string; quartz: FireTimesAnswer; croniter: FireTimesAnswer }[] = [];
  const airflowMismatches: { pair: Pair; start: string; quartz: FireTimesAnswer; airflow: FireTimesAnswer }[] = [];
  let compared = 0;
  let runs = 0;
  let warnedPairs = 0;
  let warnedDiffering = 0;

  beforeAll(() => {
    const crons = [...new Set([...CURATED, ...generatedCrons(seed, GENERATED)])];
    for (const zone of ZONES) {
      for (const cron of crons) {
        const parsed = parseCron(cron, zone);
        if (!parsed.ok) {
          if (zone === "UTC") refused.push(cron);
          continue;
        }
        const translated = quartzCron(parsed.schedule);
        if (!translated.ok) continue;
        pairs.push({ cron: parsed.schedule.expression, zone, quartz: translated.expression, warned: transitionFire(parsed.schedule, FROM_YEAR) !== null });
      }
    }
    const questions: { pair: Pair; quartz: FireTimesQuestion; croniter: FireTimesQuestion }[] = [];
    for (const pair of pairs) {
      for (const start of startsFor(pair.zone)) {
        questions.push({
          pair,
          quartz: { expression: pair.quartz, zone: pair.zone, start, count: FIRES },
          croniter: { expression: pair.cron, zone: pair.zone, start, count: FIRES },
        });
      }
    }
    const quartz = quartzFireTimes(questions.map((question) => question.quartz));
    const croniter = croniterFireTimes(questions.map((question) => question.croniter));
    const airflow = airflowFireTimes(questions.map((question) => question.croniter));
    const differing = new Set<Pair>();
    for (const [index, question] of questions.entries()) {
      const [q, c, a] = [quartz[index]!, croniter[index]!, airflow[index]!];
      compared++;
      if (q.ok && c.ok) runs += c.times.length;
      if (JSON.stringify(q) !== JSON.stringify(a)) {
        differing.add(question.pair);
        airflowMismatches.push({ pair: question.pair, start: question.quartz.start, quartz: q, airflow: a });
      }
      if (JSON.stringify(q) === JSON.stringify(c)) continue;
      differing.add(question.pair);
      mismatches.push({ pair: question.pair, start: question.quartz.start, quartz: q, croniter: c });
    }
    warnedPairs = pairs.filter((pair) => pair.warned).length;
    warnedDiffering = [...differing].filter((pair) => pair.warned).length;
    console.info(
      `[conformance] schedules: ${pairs.length} (cron, zone) pairs, ${compared} comparisons, ${runs} fire times; ${refused.length} crons refused; ` +
        `${warnedPairs} pairs warned (ORC125), ${warnedDiffering} of them differ; ${differing.size - warnedDiffering} unwarned pairs differ ` +
        `(Quartz vs croniter: ${mismatches.length} comparisons differ, Quartz vs Airflow: ${airflowMismatches.length})`,
    );
  }, 600_000);

  it("compared enough pairs and fire times that agreement means something", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(600);
    expect(runs).toBeGreaterThan(compared * FIRES * 0.9);
    for (const zone of ZONES) expect(pairs.some((pair) => pair.zone === zone)).toBe(true);
  });

  it("finds the same fire times in Quartz and croniter for every pair orchc does not warn about", () => {
    const unwarned = mismatches.filter((mismatch) => !mismatch.pair.warned);
    expect(unwarned.slice(0, 5).map(({ pair, start, quartz, croniter }) => ({ ...pair, start, quartz, croniter }))).toEqual([]);
  });

  it("finds the same fire times in Quartz and Airflow 3.3's timetable for every pair orchc does not warn about", () => {
    const unwarned = airflowMismatches.filter((mismatch) => !mismatch.pair.warned);
    expect(unwarned.slice(0, 5).map(({ pair, start, quartz, airflow }) => ({ ...pair, start, quartz, airflow }))).toEqual([]);
  });

  it("warns about schedules the engines really fire differently: the DST warning is not noise", () => {
    expect(warnedDiffering).toBeGreaterThan(0);
    // Every zone with DST among the ones checked shows it.
    for (const zone of ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe"]) {
      expect(mismatches.some((mismatch) => mismatch.pair.zone === zone), zone).toBe(true);
    }
  });

  it("refuses every form of the findings that croniter and cron-parser read differently", () => {
    for (const cron of REFUSED_AS_AMBIGUOUS) expect(parseCron(cron, "UTC"), cron).toMatchObject({ ok: false, dialects: true });
  });
});

describe.skipIf(missing !== null)("what the engines do at a DST change (the facts ORC125 states)", () => {
  const one = (expression: string, zone: string, start: string, count = 3) => ({ expression, zone, start, count });

  it("a time the spring-forward skips: croniter runs at the jump, Quartz skips the day", () => {
    const [quartz] = quartzFireTimes([one("0 30 2 * * ?", "Europe/Berlin", "2026-03-28T12:00:00Z")]);
    const [croniter] = croniterFireTimes([one("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z")]);
    expect(croniter).toEqual({ ok: true, times: ["2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"] });
    expect(quartz).toEqual({ ok: true, times: ["2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z", "2026-04-01T00:30:00Z"] });
  });

  it("a time the fall-back repeats: croniter runs at both, Quartz at the second only", () => {
    const [quartz] = quartzFireTimes([one("0 30 1 * * ?", "America/New_York", "2026-10-31T12:00:00Z")]);
    const [croniter] = croniterFireTimes([one("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z")]);
    expect(croniter).toEqual({ ok: true, times: ["2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-02T06:30:00Z"] });
    expect(quartz).toEqual({ ok: true, times: ["2026-11-01T06:30:00Z", "2026-11-02T06:30:00Z", "2026-11-03T06:30:00Z"] });
  });

  it("Airflow 3.3's timetable: a skipped time runs later by the change, a repeated one once, at the second", () => {
    const [spring, autumn] = airflowFireTimes([one("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z"), one("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z")]);
    expect(spring).toEqual({ ok: true, times: ["2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"] });
    expect(autumn).toEqual({ ok: true, times: ["2026-11-01T06:30:00Z", "2026-11-02T06:30:00Z", "2026-11-03T06:30:00Z"] });
  });

  it("Airflow 3.3 moves an every-hour schedule's first run after a change by the change; Quartz keeps the wall clock", () => {
    const question = one("4 * * * WED", "America/New_York", "2026-03-08T04:00:00Z", 2);
    expect(airflowFireTimes([question])[0]).toEqual({ ok: true, times: ["2026-03-11T05:04:00Z", "2026-03-11T06:04:00Z"] });
    expect(quartzFireTimes([{ ...question, expression: "0 4 * ? * WED" }])[0]).toEqual({ ok: true, times: ["2026-03-11T04:04:00Z", "2026-03-11T05:04:00Z"] });
  });

  it("Quartz refuses a day-of-week number it would read shifted, so orchc writes names", () => {
    const [quartz] = quartzFireTimes([one("0 0 0 ? * 8", "UTC", "2026-01-01T00:00:00Z")]);
    expect(quartz).toMatchObject({ ok: false });
  });
});
