import { OUTPUTS_DIR_ENV, type OutputType } from "@orchc/dsl";
import type { RetryNode } from "@orchc/compiler";
import { PYTHON_OUTPUT_READER, pythonOutputReaderSource } from "../shared/output-reader-python.js";
import { retryDelaySeconds } from "@orchc/runner";

export interface AttemptPolicy {
  readonly retry: RetryNode;
  /** Seconds per attempt, or null for none. */
  readonly timeoutSeconds: number | null;
  /**
   * Lines run once before the first attempt (the task's environment), after the command is fixed:
   * nothing they assign can change which command runs.
   */
  readonly prologue?: ReadonlyArray<string>;
  /**
   * The pipeline timeout, when the run's deadline bounds the task (ORCHC_DEADLINE, epoch seconds):
   * no attempt starts or runs past it, and a task stopped by it records `deadline=reached`.
   */
  readonly pipelineTimeoutSeconds?: number | null;
  /** What the task writes for the tasks after it: each attempt starts with an empty `$ORCHC_OUTPUTS`, and one that exits 0 with an output missing or ill-typed fails. */
  readonly outputs?: ReadonlyArray<{ readonly name: string; readonly type: OutputType }>;
}

/**
 * A bash function that reads the outputs as every target does (shared/output-reader-python.ts) and,
 * when all are right, appends them to the step's outputs, each between delimiters no value can
 * hold (a fresh random one each); a problem is the attempt's `::error::` and exit status 1.
 */
function outputsFunction(outputs: NonNullable<AttemptPolicy["outputs"]>): string[] {
  const declared = `{${outputs.map(({ name, type }) => `"${name}": "${type}"`).join(", ")}}`;
  return [
    "orchc_outputs() {",
    `  python3 - "\${${OUTPUTS_DIR_ENV}}" <<'ORCHC_PYTHON'`,
    "import json, os, re, sys, uuid",
    "",
    "",
    pythonOutputReaderSource(),
    "",
    "",
    `declared = ${declared}`,
    "try:",
    `    values = {name: ${PYTHON_OUTPUT_READER}(sys.argv[1], name, kind) for name, kind in declared.items()}`,
    "except RuntimeError as problem:",
    '    print(f"::error::{problem}")',
    "    sys.exit(1)",
    'with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as out:',
    "    for name, value in values.items():",
    '        delimiter = f"ORCHC_{uuid.uuid4().hex}"',
    '        out.write(f"{name}<<{delimiter}\\n{value}\\n{delimiter}\\n")',
    "ORCHC_PYTHON",
    "}",
  ];
}

/** The sum of every retry's delay, in seconds, as the runner waits them (ORC116 bounds the count). */
export function retryDelayTotal(retry: RetryNode): number {
  let total = 0;
  for (let attempt = 1; attempt <= retry.count; attempt++) total += retryDelaySeconds(retry, attempt);
  return total;
}

// Bash arithmetic is 64-bit: a doubling delay stops growing here (2^62 s, far beyond any run), and
// the numbers written are whole and never in exponent notation.
const BASH_CEILING = 2n ** 62n;
const bashInteger = (seconds: number): string => {
  const whole = BigInt(Math.round(Math.min(seconds, Number(BASH_CEILING))));
  return (whole > BASH_CEILING ? BASH_CEILING : whole).toString();
};

/**
 * The step script: fixes the command first (`$1`, from the step's env ORCHC_COMMAND, so the command's
 * text is never part of the script and nothing the task's environment assigns can replace it), runs
 * the prologue, then runs the command in its own bash with -euo pipefail once per attempt, each
 * attempt bounded by `timeout` (exit 124) and logged in its own group. The delays are computed as it
 * goes, so the script's size does not depend on the retry count. GitHub has no retry key. A task
 * with one attempt and no timeout gets no loop: its command runs once, directly.
 */
export function retryScript({ retry, timeoutSeconds, prologue = [], pipelineTimeoutSeconds = null, outputs = [] }: AttemptPolicy): string {
  const attempts = retry.count + 1;
  const deadline = pipelineTimeoutSeconds;
  const bash = 'bash --noprofile --norc -euo pipefail -c "$1"';
  // One attempt with nothing to bound it: the loop would do nothing, so the command runs directly,
  // with the same error line the loop's last attempt prints.
  if (attempts === 1 && timeoutSeconds === null && deadline === null && outputs.length === 0) {
    return `${['set -- "${ORCHC_COMMAND}"', ...prologue, `${bash} || { orchc_status=$?; echo "::error::failed, exit code \${orchc_status}"; exit "\${orchc_status}"; }`].join("\n")}\n`;
  }
  const run = deadline !== null ? `timeout --kill-after=10s "\${orchc_limit}s" ${bash}` : timeoutSeconds === null ? bash : `timeout --kill-after=10s ${timeoutSeconds}s ${bash}`;
  const reached = (what: string, status: string) => [`    echo "::error::${what}: the pipeline's timeout of ${deadline}s was reached"`, '    echo "deadline=reached" >> "$GITHUB_OUTPUT"', `    exit ${status}`];
  const lines = [
    'set -- "${ORCHC_COMMAND}"',
    // Taken before the prologue, like the command: nothing the task's environment assigns moves it.
    ...(deadline !== null ? ['orchc_deadline="${ORCHC_DEADLINE}"'] : []),
    ...prologue,
    ...(outputs.length > 0 ? outputsFunction(outputs) : []),
    `orchc_attempts=${attempts}`,
    `orchc_delay=${bashInteger(retryDelaySeconds(retry, 1))}`,
    "orchc_attempt=1",
    "while true; do",
    ...(deadline !== null
      ? [
          "  orchc_limit=$(( orchc_deadline - $(date +%s) ))",
          '  if [ "${orchc_limit}" -le 0 ]; then',
          ...reached("not started", "1"),
          "  fi",
          ...(timeoutSeconds !== null ? [`  if [ "\${orchc_limit}" -gt ${timeoutSeconds} ]; then orchc_limit=${timeoutSeconds}; fi`] : []),
        ]
      : []),
    '  echo "::group::attempt ${orchc_attempt} of ${orchc_attempts}"',
    "  orchc_status=0",
    ...(outputs.length > 0 ? [`  rm -rf -- "\${${OUTPUTS_DIR_ENV}}" && mkdir -p -- "\${${OUTPUTS_DIR_ENV}}"`] : []),
    `  ${run} || orchc_status=$?`,
    ...(outputs.length > 0 ? ['  if [ "${orchc_status}" -eq 0 ]; then orchc_outputs || orchc_status=$?; fi'] : []),
    '  echo "::endgroup::"',
    '  if [ "${orchc_status}" -eq 0 ]; then exit 0; fi',
  ];
  if (deadline !== null) lines.push('  if [ "$(date +%s)" -ge "${orchc_deadline}" ]; then', ...reached("stopped", '"${orchc_status}"'), "  fi");
  if (timeoutSeconds !== null) {
    lines.push(
      '  if [ "${orchc_status}" -eq 124 ]; then',
      `    echo "::warning::attempt \${orchc_attempt} timed out after ${timeoutSeconds}s"`,
      ...(retry.onTimeout ? [] : ['    echo "::error::timed out; not retried (retry on timeout is off)"', '    exit "${orchc_status}"']),
      "  fi",
    );
  }
  lines.push(
    '  if [ "${orchc_attempt}" -ge "${orchc_attempts}" ]; then',
    '    echo "::error::failed after ${orchc_attempt} attempt(s), exit code ${orchc_status}"',
    '    exit "${orchc_status}"',
    "  fi",
    ...(deadline !== null ? ['  if [ $(( $(date +%s) + orchc_delay )) -ge "${orchc_deadline}" ]; then', ...reached("not retried", '"${orchc_status}"'), "  fi"] : []),
    '  echo "::warning::attempt ${orchc_attempt} failed with exit code ${orchc_status}; retrying in ${orchc_delay}s"',
    '  sleep "${orchc_delay}"',
  );
  if (retry.backoff === "exponential" && retry.delaySeconds > 0) {
    const ceiling = retry.maxDelaySeconds === null ? BASH_CEILING : BigInt(bashInteger(retry.maxDelaySeconds));
    lines.push(`  if [ "\${orchc_delay}" -le ${ceiling / 2n} ]; then orchc_delay=$((orchc_delay * 2)); else orchc_delay=${ceiling}; fi`);
  }
  lines.push("  orchc_attempt=$((orchc_attempt + 1))", "done");
  return `${lines.join("\n")}\n`;
}
