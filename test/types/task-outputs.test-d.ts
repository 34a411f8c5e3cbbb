// Task outputs are typed: each `@ts-expect-error` below fails the type test if the line it guards
// ever stops being an error.
import { concat, pipeline, python, sh } from "orchc";

const daily = pipeline("daily");
const count = daily.task("count", sh`./count.sh`).outputs({ rows: "number", parts: "list" });
daily.task("check", sh`./check.sh --rows ${count.output.rows}`).env({ PARTS: count.output.parts, BOTH: concat(count.output.rows, "/", count.output.parts) });
daily.task("load", python("load.py", [count.output.parts]));
// The builder's other methods keep the outputs' types.
const retried = daily.task("retried", sh`./x.sh`).outputs({ ok: "boolean" }).retries(2).timeout("5m");
daily.task("after", sh`echo ${retried.output.ok}`).after(retried);
// @ts-expect-error `total` is not declared
daily.task("bad", sh`echo ${count.output.total}`);
// @ts-expect-error a task without outputs has none to read
daily.task("none", sh`echo ${daily.task("plain", sh`true`).output.rows}`);
// @ts-expect-error an output type is string, number, boolean or list
daily.task("typed", sh`true`).outputs({ rows: "integer" });
