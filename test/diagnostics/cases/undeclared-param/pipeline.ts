import { params, pipeline, sh } from "orchc";

const p = params({ runDate: { type: "string", default: "" } });
// Declared, but never given to the pipeline below.
const regional = params({ region: { type: "enum", values: ["eu", "us"], default: "eu" } });

const nightly = pipeline("nightly", { params: p });

nightly.task("extract", sh`./extract.sh --date ${p.runDate} --region ${regional.region}`);

export default nightly;
