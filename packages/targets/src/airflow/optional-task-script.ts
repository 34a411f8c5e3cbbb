import { shellQuote } from "@orchc/dsl";
import type { TaskNode } from "@orchc/compiler";
import type { JinjaPiece } from "./jinja.js";

/** `timeout`'s exit status when it stopped the command (as on the GitHub target's step script). */
const TIMED_OUT = 124;

/**
 * How a non-critical task fails on Airflow: its command runs in a subshell; while retries
 * remain, a failure fails the attempt (so Airflow retries it); on the last attempt the wrapper
 * logs the failure and exits 99, which the BashOperator reports as skipped. Dependents that wait
 * for success are skipped with it, and the DAG run ends successful: the run orchc calls PARTIAL.
 * (`set -e` is not inherited by a subshell that is part of a `||` list, hence the explicit status.)
 *
 * Its timeout is enforced here, by `timeout` around its own bash, not by `execution_timeout`:
 * Airflow's AirflowTaskTimeout would fail the task before the wrapper could end it skipped. A
 * timed-out attempt is retried only when the task's retries say so (`onTimeout`).
 * The command is literal text; the attempt numbers are orchc's own Jinja expressions.
 */
export function optionalTaskScript(command: string, task: Pick<TaskNode, "timeoutSeconds" | "retry">): JinjaPiece[] {
  const seconds = task.timeoutSeconds;
  const run = seconds === null
    ? ["(", "set -euo pipefail", command, ")"]
    : [`timeout --kill-after=10s ${seconds}s bash --noprofile --norc -euo pipefail -c ${shellQuote(command)}`];
  const onTimeout = seconds === null ? [] : [
    `if [ "$status" -eq ${TIMED_OUT} ]; then`,
    `  echo "orchc: optional task timed out after ${seconds}s" >&2`,
    ...(task.retry.onTimeout ? [] : ['  echo "orchc: not retried (retry on timeout is off); marking it skipped so the run does not fail" >&2', "  exit 99"]),
    "fi",
  ];
  return [
    { text: ["set +e", ...run, "status=$?", 'if [ "$status" -eq 0 ]; then exit 0; fi', ...onTimeout, 'if [ "'].join("\n") },
    { expression: "{{ ti.try_number }}" },
    { text: '" -le "' },
    { expression: "{{ task.retries }}" },
    { text: ['" ]; then exit "$status"; fi', 'echo "orchc: optional task failed with exit code $status; marking it skipped so the run does not fail" >&2', "exit 99"].join("\n") },
  ];
}

export const criticalTaskScript = (command: string): JinjaPiece[] => [{ text: `set -euo pipefail\n${command}` }];
