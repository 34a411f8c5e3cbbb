import { params, pipeline, sh } from "orchc";

// Run by real Airflow (dag.test) in the conformance suite: each task's outcome is asserted there.
const p = params({
  workdir: { type: "string", default: "/tmp/orchc-behaviour" },
  message: { type: "string", default: "" },
});

export const rules = pipeline("behaviour_rules", { params: p });
const flaky = rules
  .task("flaky", sh`n=$(cat ${p.workdir}/flaky 2>/dev/null || echo 0); echo $((n + 1)) > ${p.workdir}/flaky; [ "$n" -ge 2 ]`)
  .retries(2, { delay: "1s" });
const broken = rules.task("broken", sh`echo failing on purpose; exit 3`);
const skipCode = rules.task("exit_99_is_a_failure", sh`exit 99`);
rules.task("all_done", sh`echo ran`).after(flaky, broken).runIf("allDone");
rules.task("at_least_one_failed", sh`echo ran`).after(flaky, broken).runIf("atLeastOneFailed");
rules.task("none_failed", sh`echo ran`).after(flaky, broken).runIf("noneFailed");
rules.task("all_success", sh`echo ran`).after(flaky, broken);
rules.task("after_exit_99", sh`echo ran`).after(skipCode).runIf("allFailed");
rules.task("echo_param", sh`printf '%s' ${p.message} > ${p.workdir}/message`);

export const partial = pipeline("behaviour_partial", { params: p });
const critical = partial.task("critical", sh`echo ok`);
const report = partial.task("report", sh`echo report failed; exit 1`).after(critical).optional().retries(1, { delay: "1s" });
// Optional too: a critical task that cannot run because an optional one failed makes the run FAILED.
partial.task("publish", sh`echo ran`).after(report).optional();
partial.task("summary", sh`echo ran`).after(report, critical).runIf("allDone");
