// For-each tasks are typed: each `@ts-expect-error` below fails the type test if the line it guards
// ever stops being an error.
import { concat, item, notebook, params, pipeline, python, sh } from "orchc";

const p = params({ days: { type: "string", default: '["2026-12-01"]' }, count: { type: "number" }, on: { type: "boolean" }, mode: { type: "enum", values: ["a", "b"] } });
const daily = pipeline("daily", { params: p });
const listed = daily.task("list", sh`./list.sh`).outputs({ parts: "list", rows: "number", note: "string" });
// A list output, a written list of strings and numbers, a string param; `item` wherever a param goes.
daily.task("load", sh`./load.sh ${item}`).forEach(listed.output.parts, { concurrency: 4 }).retries(2);
daily.task("export", python("export.py", [item, concat("--region=", item)])).forEach(["eu", "us", 3]);
daily.task("backfill", notebook("backfill", { day: item })).env({ DAY: item }).forEach(p.days);
// The builder's other methods still chain after it, and it keeps the handle's outputs.
daily.task("chained", sh`./x.sh ${item}`).forEach(["a"]).after(listed).timeout("5m").retries(1);
// @ts-expect-error a number output holds no list
daily.task("rows", sh`echo ${item}`).forEach(listed.output.rows);
// @ts-expect-error a string output holds no list either
daily.task("note", sh`echo ${item}`).forEach(listed.output.note);
// @ts-expect-error a number param holds no list
daily.task("count", sh`echo ${item}`).forEach(p.count);
// @ts-expect-error a boolean param holds no list
daily.task("on", sh`echo ${item}`).forEach(p.on);
// @ts-expect-error items are strings or numbers
daily.task("objects", sh`echo ${item}`).forEach([{ region: "eu" }]);
// @ts-expect-error concurrency is a number
daily.task("wide", sh`echo ${item}`).forEach(["a"], { concurrency: "4" });
// @ts-expect-error an undeclared output is no list to iterate over
daily.task("missing", sh`echo ${item}`).forEach(listed.output.partitions);
