// Class: output that grows with a number in the spec. The retry loop listed every delay, so
// `retries.count` 5e7 wrote a ~100 MB workflow. The step script now computes each delay as it goes:
// the workflow's size does not depend on the count, and bash still waits the same delays as the
// other targets (fixed, or doubling up to the maximum). The compiler bounds retries on its own; this
// checks the target with that check bypassed (the IR edited after lowering).
import { lowerToIR, type IR, type LoadedPipeline, type RetryNode } from "@orchc/compiler";
import { retryDelaySeconds } from "@orchc/runner";
import { targets } from "@orchc/targets";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { at } from "./github-step-runner.js";
import { parseGithubWorkflow } from "./github-workflow-parser.js";

const loaded: LoadedPipeline[] = [
  { file: "/project/pipeline.json", projectRoot: "/project", exportName: "default", spec: { id: "retried", tasks: [{ id: "t", action: { kind: "shell", command: "exit 3" }, timeout: "10m" }] } },
];

function workflowWith(retry: Partial<RetryNode>): string {
  const { ir } = lowerToIR(loaded, null);
  const pipeline = ir!.pipelines[0]!;
  const task = { ...pipeline.tasks[0]!, retry: { ...pipeline.tasks[0]!.retry, ...retry } };
  const edited: IR = { ...ir!, pipelines: [{ ...pipeline, tasks: [task] }] };
  const target = targets["github-actions"];
  return target.emit(edited, { options: target.options.parse({}), orchcVersion: "0.0.0-test" })[0]!.contents;
}

const work = mkdtempSync(join(tmpdir(), "orchc-github-retries-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// `sleep` is a program, not a bash builtin: this one records the delay instead of waiting.
mkdirSync(join(work, "bin"));
writeFileSync(join(work, "bin", "sleep"), `#!/bin/sh\necho "$1" >> "$SLEPT"\n`);
chmodSync(join(work, "bin", "sleep"), 0o755);

/** The delays the step script waits between attempts of a command that always fails. */
function sleptBy(contents: string): number[] {
  const step = at(parseGithubWorkflow(contents).value, "jobs", "t", "steps", 1);
  const slept = join(work, "slept");
  writeFileSync(slept, "");
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", at(step, "run") as string], {
    env: { PATH: `${join(work, "bin")}:${process.env.PATH}`, ORCHC_COMMAND: "exit 3", SLEPT: slept },
    encoding: "utf8",
  });
  expect(result.status).toBe(3);
  return spawnSync("cat", [slept], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number);
}

describe("GitHub Actions: the retry loop does not grow with the retry count", () => {
  it("5e7 retries write the same workflow as 1, but for the count's digits", () => {
    const one = workflowWith({ count: 1, delaySeconds: 30, backoff: "exponential", maxDelaySeconds: 600 });
    const many = workflowWith({ count: 50_000_000, delaySeconds: 30, backoff: "exponential", maxDelaySeconds: 600 });
    console.log(`[retries] workflow with 1 retry: ${one.length} bytes; with 50,000,000: ${many.length} bytes`);
    expect(many.length - one.length).toBeLessThan(64);
    expect(parseGithubWorkflow(many).errors).toEqual([]);
    // timeout-minutes covers every attempt and delay, but no job runs past GitHub's 5 days.
    expect(at(parseGithubWorkflow(many).value, "jobs", "t", "timeout-minutes")).toBe(7200 + 5);
  });

  it("bash waits the delays the other targets wait: fixed, doubling, capped", () => {
    const policies: Array<Partial<RetryNode>> = [
      { count: 3, delaySeconds: 5, backoff: "fixed", maxDelaySeconds: null },
      { count: 3, delaySeconds: 5, backoff: "fixed", maxDelaySeconds: 2 },
      { count: 6, delaySeconds: 10, backoff: "exponential", maxDelaySeconds: 45 },
      { count: 5, delaySeconds: 1, backoff: "exponential", maxDelaySeconds: null },
      { count: 2, delaySeconds: 0, backoff: "exponential", maxDelaySeconds: null },
    ];
    for (const policy of policies) {
      const retry = { count: 0, delaySeconds: 0, backoff: "fixed", maxDelaySeconds: null, onTimeout: false, ...policy } as RetryNode;
      expect(sleptBy(workflowWith(retry)), JSON.stringify(policy)).toEqual(Array.from({ length: retry.count }, (_, index) => retryDelaySeconds(retry, index + 1)));
    }
  });

  it("a doubling delay without a maximum stops growing before bash's integers overflow", () => {
    const slept = sleptBy(workflowWith({ count: 80, delaySeconds: 1, backoff: "exponential", maxDelaySeconds: null }));
    expect(slept).toHaveLength(80);
    expect(slept.slice(0, 5)).toEqual([1, 2, 4, 8, 16]);
    expect(slept.every((delay, index) => index === 0 || delay >= slept[index - 1]!)).toBe(true);
    expect(slept[79]).toBe(2 ** 62);
  });
});
