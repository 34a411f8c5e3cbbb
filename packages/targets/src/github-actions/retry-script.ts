import type { RetryNode } from "@orchc/compiler";

export interface AttemptPolicy {
  readonly retry: RetryNode;
  /** Seconds per attempt, or null for none. */
  readonly timeoutSeconds: number | null;
}

/** The delay before each retry, in seconds (fixed, or doubling up to the maximum). */
export function retryDelays(retry: RetryNode): number[] {
  return Array.from({ length: retry.count }, (_, index) => {
    const delay = retry.backoff === "exponential" ? retry.delaySeconds * 2 ** index : retry.delaySeconds;
    return retry.maxDelaySeconds === null ? delay : Math.min(delay, retry.maxDelaySeconds);
  });
}

/**
 * The step script: runs the command ($ORCHC_COMMAND, from the step's env, so the command's
 * text is never part of the script) in its own bash with -euo pipefail, once per attempt, each
 * attempt bounded by `timeout` (exit 124) and logged in its own group. GitHub has no retry key.
 */
export function retryScript({ retry, timeoutSeconds }: AttemptPolicy): string {
  const attempts = retry.count + 1;
  const delays = retryDelays(retry);
  const run = timeoutSeconds === null
    ? 'bash --noprofile --norc -euo pipefail -c "$ORCHC_COMMAND"'
    : `timeout --kill-after=10s ${timeoutSeconds}s bash --noprofile --norc -euo pipefail -c "$ORCHC_COMMAND"`;
  const lines = [
    `delays=(${delays.join(" ")})`,
    `attempts=${attempts}`,
    "attempt=1",
    "while true; do",
    '  echo "::group::attempt ${attempt} of ${attempts}"',
    "  status=0",
    `  ${run} || status=$?`,
    '  echo "::endgroup::"',
    '  if [ "${status}" -eq 0 ]; then exit 0; fi',
  ];
  if (timeoutSeconds !== null) {
    lines.push(
      '  if [ "${status}" -eq 124 ]; then',
      `    echo "::warning::attempt \${attempt} timed out after ${timeoutSeconds}s"`,
      ...(retry.onTimeout ? [] : ['    echo "::error::timed out; not retried (retry on timeout is off)"', '    exit "${status}"']),
      "  fi",
    );
  }
  lines.push(
    '  if [ "${attempt}" -ge "${attempts}" ]; then',
    '    echo "::error::failed after ${attempt} attempt(s), exit code ${status}"',
    '    exit "${status}"',
    "  fi",
    '  delay="${delays[$((attempt - 1))]}"',
    '  echo "::warning::attempt ${attempt} failed with exit code ${status}; retrying in ${delay}s"',
    '  sleep "${delay}"',
    "  attempt=$((attempt + 1))",
    "done",
  );
  return `${lines.join("\n")}\n`;
}
