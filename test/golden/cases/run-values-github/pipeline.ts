import { concat, pipeline, run, sh } from "orchc";

// GitHub Actions gives a run its id (`run.date` is refused there: no scheduled time).
const ci = pipeline("run_values_github");
const build = ci.task("build", sh`./build.sh --build-id ${run.id}`);
ci.task("publish", sh`./publish.sh`).after(build).env({ ARTIFACT: concat("build-", run.id, ".tar.gz") });

export default ci;
