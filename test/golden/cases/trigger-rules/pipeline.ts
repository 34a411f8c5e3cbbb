import { pipeline, sh } from "orchc";

const rules = pipeline("golden_trigger_rules", {});

const left = rules.task("left", sh`./left.sh`);
const right = rules.task("right", sh`./right.sh`);
rules.task("all_success", sh`echo all succeeded`).after(left, right);
rules.task("all_done", sh`echo all done`).after(left, right).runIf("allDone");
rules.task("all_failed", sh`echo all failed`).after(left, right).runIf("allFailed");
rules.task("at_least_one_failed", sh`echo one failed`).after(left, right).runIf("atLeastOneFailed");
rules.task("at_least_one_success", sh`echo one succeeded`).after(left, right).runIf("atLeastOneSuccess");
rules.task("none_failed", sh`echo none failed`).after(left, right).runIf("noneFailed");

export default rules;
