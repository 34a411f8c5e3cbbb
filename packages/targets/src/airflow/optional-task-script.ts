import type { JinjaPiece } from "./jinja.js";

/**
 * How a non-critical task fails on Airflow: its command runs in a subshell; while retries
 * remain, a failure fails the attempt (so Airflow retries it); on the last attempt the wrapper
 * logs the failure and exits 99, which the BashOperator reports as skipped. Dependents that wait
 * for success are skipped with it, and the DAG run ends successful: the run orchc calls PARTIAL.
 * (`set -e` is not inherited by a subshell that is part of a `||` list, hence the explicit status.)
 * The command is literal text; the attempt numbers are orchc's own Jinja expressions.
 */
export function optionalTaskScript(command: string): JinjaPiece[] {
  return [
    { text: ["set +e", "(", "set -euo pipefail", command, ")", "status=$?", 'if [ "$status" -eq 0 ]; then exit 0; fi', 'if [ "'].join("\n") },
    { expression: "{{ ti.try_number }}" },
    { text: '" -le "' },
    { expression: "{{ task.retries }}" },
    { text: ['" ]; then exit "$status"; fi', 'echo "orchc: optional task failed with exit code $status; marking it skipped so the run does not fail" >&2', "exit 99"].join("\n") },
  ];
}

export const criticalTaskScript = (command: string): JinjaPiece[] => [{ text: `set -euo pipefail\n${command}` }];
