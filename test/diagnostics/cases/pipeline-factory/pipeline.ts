import { item, params, pipeline, sh } from "orchc";

// One function declares a pipeline per region, with ids built from a template: a mistake in one of
// them is reported at its line, though no id in the file is written out whole.
function regional(region: "eu" | "us", extra: boolean) {
  const p = params({ day: { type: "string", default: "" } });
  const daily = pipeline(`sales_${region}_daily`, { params: p });
  const listed = daily.task("list", sh`./list.sh ${p.day}`).outputs({ parts: "list" });
  daily.task("load", sh`./load.sh ${item}`).forEach(extra ? [] : listed.output.parts);
  const weekly = pipeline(`sales_${region}_weekly`);
  weekly.task("rollup", sh`./rollup.sh`).retries(extra ? -1 : 1);
  return [daily, weekly] as const;
}

export const [euDaily, euWeekly] = regional("eu", false);
export const [usDaily, usWeekly] = regional("us", true);
