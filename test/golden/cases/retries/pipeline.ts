import { pipeline, sh } from "orchc";

const retries = pipeline("golden_retries", { description: "Every retry policy." });

const none = retries.task("no_retries", sh`./step.sh`);
const fixed = retries.task("fixed_delay", sh`./step.sh`).retries(3, { delay: "45s" }).after(none);
const backoff = retries
  .task("exponential_backoff", sh`./step.sh`)
  .retries(4, { delay: "10s", backoff: "exponential", maxDelay: "5m" })
  .after(fixed);
const timeoutNoRetry = retries.task("timeout_not_retried", sh`./slow.sh`).retries(2, { delay: "1m" }).timeout("90s").after(backoff);
retries.task("timeout_retried", sh`./slow.sh`).retries(2, { delay: "1m", onTimeout: true }).timeout("2h").after(timeoutNoRetry);
retries.task("immediate_retry", sh`./flaky.sh`).retries(1).after(none);

export default retries;
