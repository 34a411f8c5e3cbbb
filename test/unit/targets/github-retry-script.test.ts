// The generated step script, executed by bash: retries with delays, timeouts, the attempt log.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RetryNode } from "../../../packages/compiler/src/index.js";
import { retryDelaySeconds } from "../../../packages/runner/src/index.js";
import { retryScript } from "../../../packages/targets/src/github-actions/retry-script.js";

const work = mkdtempSync(join(tmpdir(), "orchc-retry-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const retry = (count: number, extra: Partial<RetryNode> = {}): RetryNode => ({ count, delaySeconds: 1, backoff: "fixed", maxDelaySeconds: null, onTimeout: false, ...extra });

function run(script: string, command: string) {
  const started = Date.now();
  const result = spawnSync("bash", ["-c", script], { encoding: "utf8", env: { ...process.env, ORCHC_COMMAND: command } });
  return { status: result.status, log: result.stdout + result.stderr, seconds: (Date.now() - started) / 1000 };
}

describe("the GitHub Actions retry script", () => {
  it("succeeds on the third attempt under 2 retries, waiting the delay between attempts", () => {
    const counter = join(work, "counter");
    const command = `n=$(cat ${counter} 2>/dev/null || echo 0); echo $((n + 1)) > ${counter}; [ "$n" -ge 2 ]`;
    const result = run(retryScript({ retry: retry(2), timeoutSeconds: null }), command);
    expect(result.status).toBe(0);
    expect(readFileSync(counter, "utf8").trim()).toBe("3");
    expect(result.log.match(/::group::attempt \d of 3/g)).toEqual(["::group::attempt 1 of 3", "::group::attempt 2 of 3", "::group::attempt 3 of 3"]);
    expect(result.log.match(/retrying in 1s/g)).toHaveLength(2);
    expect(result.seconds).toBeGreaterThanOrEqual(1.9);
  });

  it("fails with the command's exit code once attempts run out", () => {
    const result = run(retryScript({ retry: retry(1), timeoutSeconds: null }), "exit 7");
    expect(result.status).toBe(7);
    expect(result.log).toContain("::error::failed after 2 attempt(s), exit code 7");
  });

  it("runs a task with one attempt and no timeout directly, without the loop, failing with its exit code and an error line", () => {
    const plain = retryScript({ retry: retry(0), timeoutSeconds: null, prologue: ['export ORCHC_COMMAND="echo replaced"'] });
    expect(plain).not.toContain("while");
    expect(plain.split("\n")[0]).toBe('set -- "${ORCHC_COMMAND}"');
    expect(run(plain, "echo ran; exit 3")).toMatchObject({ status: 3, log: "ran\n::error::failed, exit code 3\n" });
    expect(run(plain, "echo ran")).toMatchObject({ status: 0, log: "ran\n" });
    expect(retryScript({ retry: retry(0), timeoutSeconds: 5 })).toContain("while true");
    expect(retryScript({ retry: retry(0), timeoutSeconds: null, pipelineTimeoutSeconds: 60 })).toContain("while true");
  });

  it("runs the command with -euo pipefail", () => {
    expect(run(retryScript({ retry: retry(0), timeoutSeconds: null }), "false | true; echo unreachable").status).toBe(1);
    expect(run(retryScript({ retry: retry(0), timeoutSeconds: null }), 'echo "$UNSET_VARIABLE"').status).toBe(1);
  });

  it("kills an attempt at its timeout and retries it when retry on timeout is set", () => {
    const result = run(retryScript({ retry: retry(1, { onTimeout: true }), timeoutSeconds: 1 }), "sleep 30");
    expect(result.status).toBe(124);
    expect(result.log.match(/timed out after 1s/g)).toHaveLength(2);
    expect(result.seconds).toBeLessThan(20);
  });

  it("does not retry a timed-out attempt otherwise", () => {
    const result = run(retryScript({ retry: retry(3), timeoutSeconds: 1 }), "sleep 30");
    expect(result.status).toBe(124);
    expect(result.log.match(/::group::attempt/g)).toHaveLength(1);
    expect(result.log).toContain("not retried");
  });

  it("doubles the delay up to the maximum with exponential backoff", () => {
    const retryDelays = (policy: RetryNode) => Array.from({ length: policy.count }, (_, index) => retryDelaySeconds(policy, index + 1));
    expect(retryDelays(retry(4, { delaySeconds: 10, backoff: "exponential", maxDelaySeconds: 25 }))).toEqual([10, 20, 25, 25]);
    expect(retryDelays(retry(3, { delaySeconds: 5 }))).toEqual([5, 5, 5]);
  });

  it("is valid bash for every policy (bash -n)", () => {
    for (const policy of [{ retry: retry(0), timeoutSeconds: null }, { retry: retry(5, { backoff: "exponential", maxDelaySeconds: 60 }), timeoutSeconds: 90 }]) {
      expect(spawnSync("bash", ["-n", "-c", retryScript(policy)]).status).toBe(0);
    }
  });
});
