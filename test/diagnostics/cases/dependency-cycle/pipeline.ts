import { pipeline, sh } from "orchc";

const etl = pipeline("etl", {});

// `extract` waits for `load`, which (through `transform`) waits for `extract`.
const extract = etl.task("extract", sh`./extract.sh`).after("load");
const transform = etl.task("transform", sh`./transform.sh`).after(extract);
etl.task("load", sh`./load.sh`).after(transform);
etl.task("report", sh`./report.sh`).after(transform);

export default etl;
