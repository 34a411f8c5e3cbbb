// Class: numbers and dates outside what every target represents. Retry counts, timeouts, retry
// delays and start dates are bounded before any target runs: out of range is a located diagnostic
// on every target, never a 100 MB workflow, an internal error, or a DAG that fails to import.
import { describe, expect, it } from "vitest";
import { build, errorsOf, loadedOf, TARGET_NAMES } from "./spec-build.js";

const task = (extra: Record<string, unknown>) => ({ id: "t", action: { kind: "notebook", path: "n.py" }, ...extra });
const spec = (extra: Record<string, unknown> = {}, taskExtra: Record<string, unknown> = {}) => ({ id: "bounds", tasks: [task(taskExtra)], ...extra });
const refusals = (target: (typeof TARGET_NAMES)[number], value: unknown) =>
  errorsOf(build(target, loadedOf(value)).diagnostics)
    .filter((diagnostic) => diagnostic.code !== "ORC301")
    .map((diagnostic) => [diagnostic.code, diagnostic.subject?.taskId ?? null, ...(diagnostic.subject?.path ?? [])].join(" "));

describe.each(TARGET_NAMES)("bounds on %s", (target) => {
  it("retry counts above 100 are refused, however large", () => {
    for (const count of [101, 5e7, Number.MAX_SAFE_INTEGER]) expect(refusals(target, spec({}, { retries: { count } }))).toEqual(["ORC116 t retries count"]);
    expect(refusals(target, spec({}, { retries: { count: 100 } }))).toEqual([]);
  });

  it("timeouts and retry delays longer than a 32-bit field are refused", () => {
    expect(refusals(target, spec({ timeout: 1e14 }))).toEqual(["ORC116  timeout"]);
    expect(refusals(target, spec({ environments: { prod: { timeout: "30000d" } } }))).toEqual(["ORC116  environments prod timeout"]);
    expect(refusals(target, spec({}, { timeout: "1e14s" }))).not.toEqual([]);
    expect(refusals(target, spec({}, { timeout: 2_147_483_648 }))).toEqual(["ORC116 t timeout"]);
    expect(refusals(target, spec({}, { timeout: 2_147_483_647 }))).toEqual([]);
    expect(refusals(target, spec({}, { retries: { count: 1, delay: "25d" } }))).toEqual(["ORC116 t retries delay"]);
    expect(refusals(target, spec({}, { retries: { count: 1, delay: "24d" } }))).toEqual([]);
  });

  it("a start date that is not a calendar day is refused", () => {
    for (const startDate of ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01"]) {
      expect(refusals(target, spec({ overrides: { airflow: { startDate } } }))).toEqual(["ORC117  overrides airflow startDate"]);
    }
    expect(refusals(target, spec({ environments: { dev: { overrides: { airflow: { startDate: "2025-04-31" } } } } }))).toEqual(["ORC117  environments dev overrides airflow startDate"]);
    expect(refusals(target, spec({ overrides: { airflow: { startDate: "2024-02-29" } } }))).toEqual([]);
  });
});
