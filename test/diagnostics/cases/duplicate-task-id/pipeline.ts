import { pipeline, sh } from "orchc";

const nightly = pipeline("nightly", {});

const extract = nightly.task("extract", sh`./extract.sh`);
nightly.task("load", sh`./load.sh`).after(extract);
nightly.task("extract", sh`./extract-again.sh`);

export default nightly;
