import { cron, pipeline, python, sh } from "orchc";

// A nightly load that two pipelines run after: the report after it alone, the audit after either
// the load or the report (any one's success starts a run). The load has an optional task at its
// end, so its success is announced only once that task has ended too.
export const nightly = pipeline("golden_nightly", { schedule: cron("0 2 * * *"), environments: { prod: { namePrefix: "[PROD] " } } });
const load = nightly.task("load", python("load.py"));
nightly.task("stats", sh`./stats.sh`).after(load).optional();

export const report = pipeline("golden_report", {
  trigger: { after: [nightly] },
  environments: { dev: { paused: true }, prod: { namePrefix: "[PROD] " } },
});
const build = report.task("build_report", python("report.py"));
report.task("publish", sh`./publish.sh`).after(build);
report.task("cleanup", sh`rm -rf tmp/`).after(build).runIf("allDone");

export const audit = pipeline("golden_audit", { trigger: { after: ["golden_nightly", report] }, environments: { prod: {} } });
audit.task("audit", sh`./audit.sh`);
