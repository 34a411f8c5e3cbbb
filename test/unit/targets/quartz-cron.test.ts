import { CronExpressionParser } from "cron-parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScheduleNode } from "../../../packages/compiler/src/index.js";
import { parseCron } from "../../../packages/compiler/src/index.js";
import { quartzCron } from "../../../packages/targets/src/databricks/quartz-cron.js";

function schedule(written: string): ScheduleNode {
  const parsed = parseCron(written, "UTC");
  if (!parsed.ok) throw new Error(`test cron \`${written}\` was refused: ${parsed.reason}`);
  return parsed.schedule;
}

const quartz = (written: string) => quartzCron(schedule(written));

/**
 * The translation, after checking that it lies in the subset both dialects read alike and that it
 * fires exactly when the Unix form does; null when the translator refuses.
 */
function equivalentQuartz(unix: string, starts: ReadonlyArray<Date>, count: number): { expression: string; runs: number } | null {
  const parsed = schedule(unix);
  const result = quartzCron(parsed);
  if (!result.ok) return null;
  expect(quartzSubsetProblems(result.expression), `${unix} → ${result.expression}`).toEqual([]);
  let runs = 0;
  for (const start of starts) {
    const expected = fireTimes(parsed.expression, start, count);
    expect(fireTimes(result.expression, start, count), `${unix} → ${result.expression} from ${start.toISOString()}`).toEqual(expected);
    runs += expected.length;
  }
  return { expression: result.expression, runs };
}

// ---------------------------------------------------------------------------------------------
// Equivalence. Both sides are evaluated by cron-parser 5: the Unix expression as orchc parses it,
// and the Quartz expression (6 fields, seconds first, `?`). The comparison says something about
// Quartz because every emitted expression is first checked to lie in a subset that both dialects
// read identically: numbers only in minute/hour/day-of-month/month (numbered alike in both), DOW
// only as names (their meaning is the same in both; numbers are shifted by one and never emitted),
// ascending ranges only (Quartz wraps reversed ones), steps only as `*\/n` (0-based fields),
// `a/n` or `a-b/n` with n inside Quartz's increment limits, and exactly one `?`, which in both means
// "the other day field decides". Time zone handling (DST) is the engine's, not the expression's,
// so fire times are compared in UTC.
// ---------------------------------------------------------------------------------------------

const QUARTZ_FIELDS = [
  { name: "minute", lo: 0, hi: 59 },
  { name: "hour", lo: 0, hi: 23 },
  { name: "day-of-month", lo: 1, hi: 31 },
  { name: "month", lo: 1, hi: 12 },
] as const;
const NUMERIC_PART = /^(\d+)(?:-(\d+))?$/;
const STEP = /^(\*|\d+|\d+-\d+)\/(\d+)$/;
const WEEKDAY = "(?:SUN|MON|TUE|WED|THU|FRI|SAT)";
const WEEKDAYS = new RegExp(`^${WEEKDAY}(?:-${WEEKDAY})?(?:,${WEEKDAY}(?:-${WEEKDAY})?)*$`);
const QUARTZ_ORDER = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Why an emitted field is outside the subset both dialects agree on, or null. */
function subsetProblem(text: string, field: (typeof QUARTZ_FIELDS)[number]): string | null {
  if (text === "*" || (text === "?" && field.name === "day-of-month")) return null;
  const inBounds = (value: number) => value >= field.lo && value <= field.hi;
  const step = STEP.exec(text);
  if (step) {
    const [, start = "", increment = ""] = step;
    if (start === "*" && field.lo !== 0) return `${field.name} \`${text}\`: 1-based fields need an explicit start`;
    if (Number(increment) < 2 || Number(increment) > field.hi - field.lo) return `${field.name} \`${text}\`: increment outside Quartz's limit`;
    return start === "*" ? null : subsetProblem(start, field);
  }
  for (const part of text.split(",")) {
    const [, low, high] = NUMERIC_PART.exec(part) ?? [];
    if (low === undefined) return `${field.name} \`${text}\`: not a number, range, list or step`;
    if (!inBounds(Number(low)) || (high !== undefined && (!inBounds(Number(high)) || Number(high) <= Number(low)))) return `${field.name} \`${text}\`: out of bounds or not ascending`;
  }
  return null;
}

function quartzSubsetProblems(expression: string): string[] {
  const fields = expression.split(" ");
  if (fields.length !== 6) return [`expected 6 fields: ${expression}`];
  const [seconds, minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string, string];
  const problems = [minute, hour, dayOfMonth, month].map((text, index) => subsetProblem(text, QUARTZ_FIELDS[index]!)).filter((problem): problem is string => problem !== null);
  if (seconds !== "0") problems.push(`seconds \`${seconds}\``);
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) problems.push(`exactly one day field must be \`?\`: ${expression}`);
  if (dayOfWeek !== "?") {
    if (!WEEKDAYS.test(dayOfWeek)) problems.push(`day-of-week \`${dayOfWeek}\`: only names, ranges and lists`);
    for (const range of dayOfWeek.split(",").filter((part) => part.includes("-"))) {
      const [from = "", to = ""] = range.split("-");
      if (QUARTZ_ORDER.indexOf(to) <= QUARTZ_ORDER.indexOf(from)) problems.push(`day-of-week \`${range}\` wraps, which cron-parser cannot read`);
    }
  }
  return problems;
}

// Month ends (30, 31, February in leap and common years), a leap day and year boundaries.
const START_DATES = [
  "2023-02-28T23:30:00Z",
  "2024-02-28T23:59:00Z",
  "2024-02-29T12:00:00Z",
  "2024-04-30T23:45:00Z",
  "2024-12-31T23:15:00Z",
  "2025-01-31T22:59:30Z",
  "2027-12-31T00:00:00Z",
].map((date) => new Date(date));
/**
 * cron-parser needs 50–500 µs to find each run (luxon date arithmetic), so, to stay within a few
 * seconds, each random cron gets eight runs from one start date drawn per case, and each hand-picked
 * cron fifty runs from three of them (leap February's end, a 30-day month's end, the year's end).
 */
const RANDOM_FIRES = 8;
const CURATED_FIRES = 50;
const CURATED_STARTS = [START_DATES[1]!, START_DATES[3]!, START_DATES[4]!];
// Sparse schedules (29 February) would need centuries for 50 runs; compare what falls within 30 years.
const HORIZON_MS = 30 * 365.25 * 24 * 3600 * 1000;

function fireTimes(expression: string, start: Date, count: number): string[] {
  const runs = CronExpressionParser.parse(expression, { tz: "UTC", currentDate: start, endDate: new Date(start.getTime() + HORIZON_MS) });
  const times: string[] = [];
  // next() alone: hasNext() would search each run twice, and the search is the whole cost here.
  while (times.length < count) {
    try {
      times.push(runs.next().toDate().toISOString());
    } catch (error) {
      if ((error as Error).message === "Out of the time span range") break;
      throw error;
    }
  }
  return times;
}

describe("quartzCron: the reference tables", () => {
  // targets.md §D.1 worked examples and §D.2 presets, exactly.
  it.each([
    ["*/15 * * * *", "0 */15 * * * ?"],
    ["0 * * * *", "0 0 * * * ?"],
    ["0 0 * * *", "0 0 0 * * ?"],
    ["0 0 * * 0", "0 0 0 ? * SUN"],
    ["0 0 1 * *", "0 0 0 1 * ?"],
    ["0 0 1 */3 *", "0 0 0 1 1/3 ?"],
    ["0 0 1 1 *", "0 0 0 1 1 ?"],
    ["30 2 * * 1-5", "0 30 2 ? * MON-FRI"],
    ["0 0 * * 7", "0 0 0 ? * SUN"],
    ["0 6 * * 6,0", "0 0 6 ? * SUN,SAT"],
    ["0 0 * * 5-7", "0 0 0 ? * SUN,FRI,SAT"],
    ["0 0 * * */2", "0 0 0 ? * SUN,TUE,THU,SAT"],
    ["@hourly", "0 0 * * * ?"],
    ["@daily", "0 0 0 * * ?"],
    ["@weekly", "0 0 0 ? * SUN"],
    ["@monthly", "0 0 0 1 * ?"],
    ["@quarterly", "0 0 0 1 1/3 ?"],
    ["@yearly", "0 0 0 1 1 ?"],
  ])("%s → %s", (unix, expected) => {
    expect(equivalentQuartz(unix, CURATED_STARTS, CURATED_FIRES)?.expression).toBe(expected);
  });
});

describe("quartzCron: Unix forms Quartz rejects or misreads, and field edges", () => {
  it.each([
    // Quartz refuses increments as large as the field ("Increment > 60 : 90"); cron-parser accepts them.
    ["*/90 * * * *", "0 0 * * * ?"],
    ["0 */24 * * *", "0 0 0 * * ?"],
    ["0 0 */32 * *", "0 0 0 1 * ?"],
    ["0 0 1 */13 *", "0 0 0 1 1 ?"],
    ["0 0 * * */8", "0 0 0 ? * SUN"],
    // Quartz ignores a step written after a name range.
    ["0 0 * * MON-FRI/2", "0 0 0 ? * MON,WED,FRI"],
    ["0 0 1 JAN-DEC/3 *", "0 0 0 1 1/3 ?"],
    // Rebuilt from values, the rest is plain ranges, lists and explicit-start steps.
    ["0 0 * * mon-fri", "0 0 0 ? * MON-FRI"],
    ["0 0 * * sat,sun", "0 0 0 ? * SUN,SAT"],
    ["0 9-17 * * *", "0 0 9-17 * * ?"],
    ["5-40/15 * * * *", "0 5-35/15 * * * ?"],
    ["5-50/15 * * * *", "0 5/15 * * * ?"],
    ["10-59/20 * * * *", "0 10/20 * * * ?"],
    ["14-44/15 * * * *", "0 14-44/15 * * * ?"],
    ["0 0 2-31/2 * *", "0 0 0 2/2 * ?"],
    ["0 0 * 2 *", "0 0 0 * 2 ?"],
    ["0 0 1-29 2 *", "0 0 0 * 2 ?"],
    ["0 0 1-28 2 *", "0 0 0 1-28 2 ?"],
    ["0 0 29 2 *", "0 0 0 29 2 ?"],
    ["0 0 28-31 * *", "0 0 0 28-31 * ?"],
    ["0 0 1,30 2 *", "0 0 0 1 2 ?"],
    ["0 0 * * 0-6", "0 0 0 * * ?"],
    ["0 0 1-31 * SUN-SAT", "0 0 0 * * ?"],
  ])("%s → %s", (unix, expected) => {
    expect(equivalentQuartz(unix, CURATED_STARTS, CURATED_FIRES)?.expression).toBe(expected);
  });
});

describe("quartzCron: untranslatable schedules", () => {
  it("refuses day-of-month AND day-of-week, which Unix ORs", () => {
    expect(quartz("0 0 1,15 * 1")).toMatchObject({ ok: false, reason: expect.stringContaining('"either day rule"'), wayOut: expect.stringContaining("two pipelines") });
  });

  it.each(["0 0 1 * 0-6", "0 0 */1 * 1", "0 0 1-31 * 1-5", "0 0 10 * */1"])("never sees %s: a full day field beside a restricted one is refused before any target", (unix) => {
    expect(parseCron(unix, "UTC")).toMatchObject({ ok: false, reason: expect.stringContaining("disagree") });
  });
});

describe("cron-parser as an evaluator of the emitted Quartz subset", () => {
  const firstRun = (expression: string) => CronExpressionParser.parse(expression, { tz: "UTC", currentDate: new Date("2024-01-01T00:00:00Z") }).next().toDate().toISOString();

  it("reads DOW names as the named day, but DOW numbers as Unix numbers (so numbers must never be emitted)", () => {
    expect(firstRun("0 0 0 ? * SUN")).toBe("2024-01-07T00:00:00.000Z");
    expect(firstRun("0 0 0 ? * 1")).toBe("2024-01-08T00:00:00.000Z"); // Monday; Quartz reads 1 as Sunday
  });

  it("reads `?` as 'the other day field rules' and `1/3` as start 1, every 3", () => {
    expect(firstRun("0 0 0 1 1/3 ?")).toBe("2024-04-01T00:00:00.000Z");
    expect(firstRun("0 0 0 ? * MON-FRI")).toBe("2024-01-02T00:00:00.000Z");
  });
});

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldShape {
  readonly lo: number;
  readonly hi: number;
  /** Names by value, when the field has them. */
  readonly names?: (value: number) => string | undefined;
}

const spellings = fc.constantFrom("number", "upper", "lower");
function spell(shape: FieldShape, value: number, spelling: string): string {
  const name = spelling === "number" ? undefined : shape.names?.(value);
  return name === undefined ? String(value) : spelling === "lower" ? name.toLowerCase() : name;
}

/** One list item: values, ranges and steps (some wider than the field, which Quartz would refuse). */
const item = (shape: FieldShape) => {
  const value = fc.tuple(fc.integer({ min: shape.lo, max: shape.hi }), spellings).map(([number, spelling]) => spell(shape, number, spelling));
  const range = fc
    .tuple(fc.integer({ min: shape.lo, max: shape.hi }), fc.integer({ min: shape.lo, max: shape.hi }), spellings, spellings)
    .map(([a, b, from, to]) => `${spell(shape, Math.min(a, b), from)}-${spell(shape, Math.max(a, b), to)}`);
  const step = fc.integer({ min: 1, max: shape.hi + 8 });
  return fc.oneof(
    { weight: 3, arbitrary: value },
    { weight: 2, arbitrary: range },
    { weight: 2, arbitrary: fc.tuple(range, step).map(([span, by]) => `${span}/${by}`) },
    { weight: 2, arbitrary: step.map((by) => `*/${by}`) },
    { weight: 1, arbitrary: fc.tuple(value, step).map(([from, by]) => `${from}/${by}`) },
  );
};

/**
 * A list whose items cover disjoint stretches of the field (the parser refuses a list that repeats a
 * value): sorted distinct points, paired into ranges, stepped ranges or two plain values.
 */
const list = (shape: FieldShape) => {
  const piece = fc.tuple(fc.constantFrom("values", "range", "step"), spellings, spellings, fc.integer({ min: 1, max: shape.hi + 8 }));
  return fc
    .tuple(fc.uniqueArray(fc.integer({ min: shape.lo, max: shape.hi }), { minLength: 2, maxLength: 6 }), fc.array(piece, { minLength: 3, maxLength: 3 }), fc.boolean())
    .map(([points, pieces, reversed]) => {
      const sorted = [...points].sort((a, b) => a - b);
      const items: string[] = [];
      for (let index = 0; index < sorted.length; index += 2) {
        const [style, from, to, by] = pieces[index / 2]!;
        const low = spell(shape, sorted[index]!, from);
        const high = sorted[index + 1] === undefined ? undefined : spell(shape, sorted[index + 1]!, to);
        if (high === undefined) items.push(low);
        else if (style === "values") items.push(low, high);
        else items.push(`${low}-${high}${style === "step" ? `/${by}` : ""}`);
      }
      return (reversed ? items.reverse() : items).join(",");
    });
};

const field = (shape: FieldShape, starWeight: number) =>
  fc.oneof({ weight: starWeight, arbitrary: fc.constant("*") }, { weight: 3, arbitrary: item(shape) }, { weight: 2, arbitrary: list(shape) });

const unixCron = fc
  .tuple(
    field({ lo: 0, hi: 59 }, 1),
    field({ lo: 0, hi: 23 }, 1),
    field({ lo: 1, hi: 31 }, 5),
    field({ lo: 1, hi: 12, names: (value) => MONTH_NAMES[value - 1] }, 2),
    field({ lo: 0, hi: 7, names: (value) => DAY_NAMES[value] }, 4),
  )
  .map((fields) => fields.join(" "));

interface EquivalenceStats {
  generated: number;
  parsed: number;
  compared: number;
  refused: number;
  runs: number;
}

function checkEquivalence(): EquivalenceStats {
  const stats: EquivalenceStats = { generated: 0, parsed: 0, compared: 0, refused: 0, runs: 0 };
  fc.assert(
    fc.property(unixCron, fc.constantFrom(...START_DATES), (unix, start) => {
      stats.generated++;
      const parsed = parseCron(unix, "UTC");
      if (!parsed.ok) return;
      stats.parsed++;
      const translated = equivalentQuartz(unix, [start], RANDOM_FIRES);
      if (translated === null) {
        stats.refused++;
        // Refusal is only for schedules whose two day fields are both written.
        expect(parsed.schedule.dayOfMonth.text).not.toBe("*");
        expect(parsed.schedule.dayOfWeek.text).not.toBe("*");
        return;
      }
      stats.compared++;
      stats.runs += translated.runs;
    }),
    // A few seconds of work; the time limit only guards against a pathological machine, and the
    // count below fails if it cut the run short.
    { numRuns: 2_000, interruptAfterTimeLimit: 20_000 },
  );
  return stats;
}

let outcome: { stats: EquivalenceStats } | { error: unknown } | undefined;
function equivalence(): EquivalenceStats {
  if (outcome === undefined) {
    try {
      outcome = { stats: checkEquivalence() };
    } catch (error) {
      outcome = { error };
    }
  }
  if ("error" in outcome) throw outcome.error;
  return outcome.stats;
}

describe("quartzCron: equivalence with the Unix schedule", () => {
  it("fires at the same times as the Unix form for random crons (fast-check prints the seed on failure)", () => {
    equivalence();
  });

  it("compared thousands of generated crons, so the property cannot pass vacuously", () => {
    const stats = equivalence();
    console.info(`quartz-cron equivalence: ${JSON.stringify(stats)}`);
    expect(stats.compared).toBeGreaterThanOrEqual(1_000);
    expect(stats.refused).toBeGreaterThan(0);
    // Only schedules as sparse as 29 February run fewer than RANDOM_FIRES times in the horizon.
    expect(stats.runs).toBeGreaterThan(stats.compared * RANDOM_FIRES * 0.9);
  });
});
