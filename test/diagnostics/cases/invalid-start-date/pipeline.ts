import { pipeline, sh } from "orchc";

const nightly = pipeline("nightly", {}).airflow({ startDate: "2024-02-30" });

nightly.task("extract", sh`./extract.sh`);

export default nightly;
