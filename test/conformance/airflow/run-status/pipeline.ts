import { pipeline, sh } from "orchc";

// Run by real Airflow (dag.test()) in run-status.test.ts: one pipeline per run status case. A
// critical failure behind a task that still runs must end FAILED; an optional one PARTIAL.
const fail = sh`echo failing on purpose; exit 3`;
const ok = sh`echo ok`;

export const allDone = pipeline("status_all_done_cleanup", {});
allDone.task("cleanup", ok).after(allDone.task("a", fail)).runIf("allDone");

export const oneFailed = pipeline("status_one_failed_alert", {});
oneFailed.task("alert", ok).after(oneFailed.task("a", fail)).runIf("atLeastOneFailed");

export const allFailed = pipeline("status_all_failed", {});
allFailed.task("recover", ok).after(allFailed.task("a", fail)).runIf("allFailed");

export const oneSuccess = pipeline("status_one_success", {});
oneSuccess.task("either", ok).after(oneSuccess.task("a", fail), oneSuccess.task("b", ok)).runIf("atLeastOneSuccess");

// `b` never runs (upstream_failed): that too is a critical failure.
export const upstreamFailed = pipeline("status_upstream_failed", {});
upstreamFailed.task("cleanup", ok).after(upstreamFailed.task("b", ok).after(upstreamFailed.task("a", fail))).runIf("allDone");

export const optionalCleanup = pipeline("status_optional_cleanup", {});
optionalCleanup.task("cleanup", ok).after(optionalCleanup.task("o", fail).optional()).runIf("allDone");

// The optional task fails, so `publish`, which needs its success, does not run: FAILED.
export const optionalChain = pipeline("status_optional_chain", {});
const o = optionalChain.task("o", fail).optional();
optionalChain.task("cleanup", ok).after(optionalChain.task("publish", ok).after(o), optionalChain.task("c", ok)).runIf("allDone");

export const allGood = pipeline("status_all_good", {});
allGood.task("cleanup", ok).after(allGood.task("a", ok)).runIf("allDone");


// An optional task that ends the DAG fails: PARTIAL.
export const optionalLeaf = pipeline("status_optional_leaf", {});
optionalLeaf.task("o", fail).after(optionalLeaf.task("a", ok)).optional();
