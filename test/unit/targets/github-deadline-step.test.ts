// The `deadline` step of an emulated pipeline timeout, run by bash as GitHub's runner runs it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { YamlScalar } from "../../../packages/targets/src/shared/render-yaml.js";
import { deadlineStep } from "../../../packages/targets/src/github-actions/github-deadline.js";

const work = mkdtempSync(join(tmpdir(), "orchc-deadline-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const script = ((deadlineStep(600, {}) as { run: YamlScalar }).run).value;
const now = () => Math.floor(Date.now() / 1000);

function run(env: { ORCHC_DEADLINE: string; ORCHC_DEADLINE_ATTEMPT: string; ORCHC_RUN_ATTEMPT: string }) {
  const output = join(work, "output");
  writeFileSync(output, "");
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { encoding: "utf8", env: { PATH: process.env.PATH!, GITHUB_OUTPUT: output, ...env } });
  return { status: result.status, log: result.stdout + result.stderr, output: readFileSync(output, "utf8") };
}

describe("the GitHub Actions deadline step", () => {
  it("passes the run's deadline on while it is ahead", () => {
    const at = now() + 100;
    expect(run({ ORCHC_DEADLINE: String(at), ORCHC_DEADLINE_ATTEMPT: "1", ORCHC_RUN_ATTEMPT: "1" })).toEqual({ status: 0, log: "", output: `at=${at}\n` });
  });

  it("fails, not started, once the deadline has passed", () => {
    const result = run({ ORCHC_DEADLINE: String(now() - 1), ORCHC_DEADLINE_ATTEMPT: "1", ORCHC_RUN_ATTEMPT: "1" });
    expect(result).toEqual({ status: 1, log: "::error::not started: the pipeline's timeout of 600s was reached\n", output: "" });
  });

  it("bounds a re-run job by the timeout from its own start, with a notice", () => {
    const before = now();
    const result = run({ ORCHC_DEADLINE: String(before - 1000), ORCHC_DEADLINE_ATTEMPT: "1", ORCHC_RUN_ATTEMPT: "2" });
    expect(result.status).toBe(0);
    expect(result.log).toBe("::notice::attempt 2 re-runs this job: the pipeline's timeout bounds it from its own start\n");
    const at = Number(/^at=(\d+)\n$/.exec(result.output)![1]);
    expect(at).toBeGreaterThanOrEqual(before + 600);
    expect(at).toBeLessThanOrEqual(now() + 600);
  });

  it("fails when the deadline job gave no deadline", () => {
    for (const deadline of ["", "12a"]) {
      const result = run({ ORCHC_DEADLINE: deadline, ORCHC_DEADLINE_ATTEMPT: "1", ORCHC_RUN_ATTEMPT: "1" });
      expect(result).toEqual({ status: 1, log: "::error::the run's deadline is unknown: job orchc_deadline gave none\n", output: "" });
    }
  });
});
