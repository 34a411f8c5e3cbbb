import { params, pipeline, sh } from "orchc";

const p = params({
  region: { type: "string", default: "eu" },
  Region: { type: "string", default: "us" },
});
const nightly = pipeline("nightly", { params: p });

nightly.task("extract", sh`./extract.sh ${p.region} ${p.Region}`).env({ DATA_DIR: "/a", data_dir: "/b" });

export default nightly;
