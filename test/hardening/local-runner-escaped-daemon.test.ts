// A task that starts a daemon in a session of its own (setsid) and ends: its task ends with its main
// process, the run ends and exits (the daemon holding the output pipe is not waited for), and the
// daemon, still carrying the session's ORCHC_RUNNER_TOKEN, is stopped when the run ends.
import { describe, it } from "vitest";
import { makePlan, outputOf, stillRunning, useSandboxes } from "../runner/runner-harness.js";

const sandbox = useSandboxes();

describe("local runner escaped daemon", () => {
  it("a setsid daemon holding the output pipe does not keep the run from ending, and is stopped at its end", { timeout: 60_000 }, async ({ expect }) => {
    const box = sandbox(
      makePlan("escaped_daemon", {
        start: { script: "setsid sleep 300 & echo $! > daemon.pid; echo started" },
        after: { script: "echo after", after: "start" },
      }),
    );
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(0);
    expect(result.stdout).toContain("start | started");
    expect(result.stdout).toContain("after | after");
    expect(result.stdout).toContain("SUCCESS");
    expect(await stillRunning([box.number("daemon.pid")!])).toEqual([]);
  });
});
