import { describe, expect, it } from "vitest";
import { lowerToIR } from "../../../packages/compiler/src/index.js";
import { parseCron } from "../../../packages/compiler/src/check/parse-cron.js";
import { transitionFire, zoneTransitions } from "../../../packages/compiler/src/check/zone-transitions.js";
import { loaded, shellTask } from "./lower-helpers.js";

const diagnosticsOf = (cron: string, timezone = "UTC") => lowerToIR(loaded({ id: "p", schedule: { cron, timezone }, tasks: [shellTask("a")] }), null).diagnostics;

const scheduleOf = (cron: string, timezone: string) => {
  const parsed = parseCron(cron, timezone);
  if (!parsed.ok) throw new Error(`test cron \`${cron}\` was refused: ${parsed.reason}`);
  return parsed.schedule;
};

// test/conformance/schedules shows each of these read differently by real croniter (what Airflow runs)
// and cron-parser (what orchc's other targets were built from).
describe("cron forms that cron libraries read differently (ORC124)", () => {
  it.each([
    ["0 0 * * 1/2", "`1,3,5`", "`1-6/2`"],
    ["0 0 * * MON/2", "`MON,WED,FRI`", "`MON-SAT/2`"],
    ["0 0 * * 3/2", "`3,5`", "`3-6/2`"],
    ["0 0 * * 6/1", "`6`", null],
    ["0 0 * * 1/3", "`1,4`", "`1-6/3`"],
    ["0 0 * * 7/2", "`0,2,4,6`", null],
  ])("refuses the day-of-week step %s and lists the days Airflow runs", (cron, list, range) => {
    const [diagnostic] = diagnosticsOf(cron);
    expect(diagnostic).toMatchObject({ code: "ORC124", severity: "error", subject: { path: ["schedule", "cron"], value: cron } });
    expect(diagnostic?.message).toContain("croniter stops at Saturday");
    expect(diagnostic?.hint).toContain(`list the days: ${list}`);
    if (range) expect(diagnostic?.hint).toContain(range);
  });

  it.each(["0 0 * * 0/2", "0 0 * * 0/1", "0 0 * * */2", "0 0 5/10 * *", "0 0 1 2/3 *", "5/20 * * * *", "0 5/7 * * *", "0 0 * * 4-7/2", "0 0 * * 5-7"])(
    "accepts %s, which every library reads alike",
    (cron) => {
      expect(diagnosticsOf(cron)).toEqual([]);
    },
  );

  it.each([
    ["0 0 * * FRI-MON", "day-of-week", "`FRI-SAT,SUN-MON`"],
    ["0 0 1 NOV-FEB *", "month", "`NOV-DEC,JAN-FEB`"],
    ["50-10 * * * *", "minute", "`50-59,0-10`"],
    ["0 22-2 * * *", "hour", "`22-23,0-2`"],
    ["0 0 * * 5-0", "day-of-week", "`5-6,0`"],
    ["0 0 * * 7-1", "day-of-week", "write Sunday as 0: `0-1`"],
    ["0 0 * * 0-SUN", "day-of-week", "write `SUN` for Sunday alone, or `*` for every day"],
  ])("refuses the wrap-around range in %s and says how to write it", (cron, field, hint) => {
    const [diagnostic] = diagnosticsOf(cron);
    expect(diagnostic).toMatchObject({ code: "ORC124", message: expect.stringContaining(`the ${field} range`) });
    expect(diagnostic?.hint).toContain(hint);
  });
});

describe("a value listed twice (ORC120), in orchc's words", () => {
  it.each(["0 0 * * 0,7", "0 0 * * SUN,7", "0 0 * * 7,sun"])("%s: Sunday named twice", (cron) => {
    const [diagnostic] = diagnosticsOf(cron);
    expect(diagnostic).toMatchObject({ code: "ORC120", message: expect.stringContaining("names Sunday twice: 0 and 7 (or SUN) are both Sunday") });
    expect(diagnostic?.message).not.toContain("duplicate values found");
  });

  it("names a repeated minute", () => {
    expect(diagnosticsOf("5,5 * * * *")[0]?.message).toContain("the minute field `5,5` includes 5 more than once");
  });
});

describe("time-zone transitions, from the tz data Node carries", () => {
  it("finds New York's and Lord Howe's changes to the minute", () => {
    expect(zoneTransitions("America/New_York", 2026, 1)).toEqual([
      { at: Date.parse("2026-03-08T07:00:00Z"), offsetBefore: -300, offsetAfter: -240 },
      { at: Date.parse("2026-11-01T06:00:00Z"), offsetBefore: -240, offsetAfter: -300 },
    ]);
    // Lord Howe moves by half an hour.
    expect(zoneTransitions("Australia/Lord_Howe", 2026, 1)).toEqual([
      { at: Date.parse("2026-04-04T15:00:00Z"), offsetBefore: 660, offsetAfter: 630 },
      { at: Date.parse("2026-10-03T15:30:00Z"), offsetBefore: 630, offsetAfter: 660 },
    ]);
    expect(zoneTransitions("Asia/Tokyo", 2026)).toEqual([]);
  });

  it.each([
    ["30 2 * * *", "Europe/Berlin", { kind: "gap", local: "2026-03-29 02:30", window: "02:00–03:00" }],
    // Every engine skips the spring gap of an every-hour schedule alike; the fall-back divides them.
    ["0 * * * *", "Europe/Berlin", { kind: "fold", local: "2026-10-25 02:00", window: "02:00–03:00" }],
    ["*/20 2 * * *", "Europe/Berlin", { kind: "gap", local: "2026-03-29 02:00", window: "02:00–03:00" }],
    ["30 1 * * 0", "America/New_York", { kind: "fold", local: "2026-11-01 01:30", window: "01:00–02:00" }],
    ["15 2 * * *", "Australia/Lord_Howe", { kind: "gap", local: "2026-10-04 02:15", window: "02:00–02:30" }],
    ["45 1 * * *", "Australia/Lord_Howe", { kind: "fold", local: "2026-04-05 01:45", window: "01:30–02:00" }],
  ])("%s in %s fires inside a transition", (cron, zone, expected) => {
    expect(transitionFire(scheduleOf(cron, zone), 2026)).toEqual(expected);
  });

  it("an every-hour schedule meets Airflow's wall-clock arithmetic even where no run falls in a change", () => {
    // Lord Howe's fall-back repeats 01:30–02:00 and its spring gap skips 02:00–02:30 (every engine skips that alike).
    expect(transitionFire(scheduleOf("15 * * * *", "Australia/Lord_Howe"), 2026)).toEqual({ kind: "everyHour", local: "2026-04-05", window: "01:30–02:00" });
    expect(transitionFire(scheduleOf("4 * * * WED", "America/New_York"), 2026)).toEqual({ kind: "everyHour", local: "2026-03-08", window: "02:00–03:00" });
    expect(transitionFire(scheduleOf("4 * * * WED", "Asia/Tokyo"), 2026)).toBeNull();
  });

  it.each([
    ["0 6 * * *", "Europe/Berlin"],
    // New York's changes fall on Sundays; a Monday schedule never meets them.
    ["30 1 * * 1", "America/New_York"],
    ["30 2 * * *", "UTC"],
    ["30 2 * * *", "Asia/Tokyo"],
    // 02:00 itself exists in Lord Howe on the spring day (clocks go 02:00 → 02:30).
    ["0 3 * * *", "Australia/Lord_Howe"],
  ])("%s in %s never does", (cron, zone) => {
    expect(transitionFire(scheduleOf(cron, zone), 2026)).toBeNull();
  });
});

describe("the DST warning (ORC125)", () => {
  it("warns, saying what each target does, for a time a spring-forward skips", () => {
    const diagnostics = diagnosticsOf("30 2 * * *", "Europe/Berlin");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "ORC125", severity: "warning", subject: { path: ["schedule", "cron"] } });
    expect(diagnostics[0]?.message).toContain(
      "02:30 does not exist in Europe/Berlin on the day clocks skip 02:00–03:00: Airflow runs it later by the length of the change, GitHub Actions (and croniter) at the end of the skipped time, Databricks (Quartz) skips that run",
    );
    expect(diagnostics[0]?.hint).toContain('timezone: "UTC"');
  });

  it("warns for a time a fall-back repeats", () => {
    const [diagnostic] = diagnosticsOf("30 1 * * *", "America/New_York");
    expect(diagnostic?.message).toContain("01:30 happens twice in America/New_York on the day clocks repeat 01:00–02:00: croniter runs at both, Databricks (Quartz) and Airflow at the second only");
  });

  it("warns for an every-hour schedule in a zone with daylight saving", () => {
    const [diagnostic] = diagnosticsOf("4 * * * WED", "America/New_York");
    expect(diagnostic).toMatchObject({ code: "ORC125", message: expect.stringContaining("it runs every hour, and Airflow finds each next run by adding wall-clock time") });
  });

  it("says nothing for a schedule outside every transition, or in UTC", () => {
    expect(diagnosticsOf("0 6 * * *", "Europe/Berlin")).toEqual([]);
    expect(diagnosticsOf("30 2 * * *", "UTC")).toEqual([]);
  });

  it("checks environments' schedules too", () => {
    const { diagnostics } = lowerToIR(
      loaded({ id: "p", schedule: { cron: "0 6 * * *", timezone: "Europe/Berlin" }, environments: { prod: { schedule: { cron: "30 2 * * *", timezone: "Europe/Berlin" } } }, tasks: [shellTask("a")] }),
      null,
    );
    expect(diagnostics).toMatchObject([{ code: "ORC125", subject: { path: ["environments", "prod", "schedule", "cron"] } }]);
  });
});
