import { pipeline, sh } from "orchc";

// Optional tasks that time out, run by real Airflow 3.3 in run-status.test.ts: failed, as any
// failure, and the run PARTIAL. (Airflow 2.10's dag.test() cannot run them: its AirflowTaskTimeout
// is a BaseException that ends dag.test() itself; and it would retry a timeout, which ORC301 refuses.)
const ok = sh`echo ok`;

export const optionalTimeout = pipeline("status_optional_timeout", {});
const slow = optionalTimeout.task("slow", sh`sleep 30`).optional().timeout("2s").retries(1, { delay: "1s", onTimeout: true });
optionalTimeout.task("publish", ok).after(slow).optional();
optionalTimeout.task("cleanup", ok).after(slow, optionalTimeout.task("c", ok)).runIf("allDone");

// The same without retry on timeout: one attempt, though retries remain.
export const optionalTimeoutOnce = pipeline("status_optional_timeout_once", {});
const once = optionalTimeoutOnce.task("slow", sh`sleep 30`).optional().timeout("2s").retries(2, { delay: "1s" });
optionalTimeoutOnce.task("cleanup", ok).after(once, optionalTimeoutOnce.task("c", ok)).runIf("allDone");
