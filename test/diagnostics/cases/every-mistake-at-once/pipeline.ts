import { params, pipeline, sh } from "orchc";

const p = params({ region: { type: "string", default: "eu-west-1" }, date: { type: "string", default: "today" } });
const daily = pipeline("daily", { params: p });

// `p.regoin` is misspelt (tsc says so; the loader must not throw and hide the rest of this file).
// @ts-expect-error -- the misspelling under test
const extract = daily.task("extract", sh`./extract.sh --date ${p.date} --region ${p.regoin}`);
// Single quotes: bash would print the variable's name, not the region.
daily.task("announce", sh`echo 'region is ${p.region}'`).after(extract);
daily.task("load", sh`./load.sh`).after(extract, "transfrom");

export default daily;
