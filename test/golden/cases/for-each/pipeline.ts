import { item, params, pipeline, python, sh } from "orchc";

// For-each tasks (issue 19): over a list output, a written list and a string param; concurrency and per-iteration retries.
const p = params({ days: { type: "string", default: '["2026-12-01","2026-12-02"]' } });
const daily = pipeline("golden_for_each", { params: p });
const listed = daily.task("list-partitions", sh`./partitions.sh > "$ORCHC_OUTPUTS/parts"`).outputs({ parts: "list" });
const load = daily
  .task("load", sh`./load.sh --partition ${item} --note "it's \${HOME}"`)
  .env({ PARTITION: item })
  .forEach(listed.output.parts, { concurrency: 3 })
  .retries(2, { delay: "30s" })
  .timeout("10m");
daily.task("export", python("export.py", ["--region", item])).forEach(["eu", "us", 3], { concurrency: 2 }).after(load);
daily.task("backfill", sh`./backfill.sh ${item}`).forEach(p.days);
daily.task("report", sh`./report.sh`).after(load, "export", "backfill");

export default daily;
