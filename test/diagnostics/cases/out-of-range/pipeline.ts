import { pipeline, sh } from "orchc";

const nightly = pipeline("nightly", { timeout: 1e14 });

nightly.task("extract", sh`./extract.sh`).retries(50_000_000, { delay: "30d" });

export default nightly;
