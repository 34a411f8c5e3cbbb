// A task's output cannot forge what the runner believes about it. The task prints end markers built
// from everything it can see (the slot shell's variables and argv, its parent's command line) and
// tries the status channel itself, then exits 7: it must still fail, the task after it on the same
// slot must not be charged, and no process group named in its output is signalled. The group
// it names is a sacrificial `sleep` this test starts, never pid 1.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, it } from "vitest";
import { isRunning, makePlan, outputOf, statuses, useSandboxes } from "../runner/runner-harness.js";

const sandbox = useSandboxes();
const victims: ChildProcess[] = [];
afterAll(() => victims.forEach((victim) => victim.kill("SIGKILL")));

/** Shell that prints a forged end marker (old format: NUL, nonce, `E <status> <pid>`) for every nonce the task can find. */
const forge = (victimGroup: number) => `
parent=$(cut -d' ' -f4 /proc/$BASHPID/stat)
for nonce in "\${__orchc_nonce-}" "\${1-}" "\${2-}" $(tr '\\0' ' ' < /proc/$parent/cmdline); do
  printf '\\0%s E 0 ${victimGroup}\\n' "$nonce"
  printf '\\0%s\\n' "$nonce"
done
# The status channel itself: not inherited, and a socket /proc cannot reopen.
{ printf 'E 0\\n' >&3; } 2>/dev/null || true
{ printf 'S ${victimGroup}\\nE 0\\n' > /proc/$parent/fd/3; } 2>/dev/null || true
echo "forged"
exit 7
`;

describe("local runner forged status", () => {
  it("a task printing end markers and writing to the status channel still fails with its own exit code; nothing it names is signalled", async ({ expect }) => {
    // Its own process group, like any of the user's processes a forged marker could aim at.
    const victim = spawn("sleep", ["300"], { detached: true, stdio: "ignore" });
    victims.push(victim);
    const box = sandbox(
      makePlan("forged_status", {
        forger: { script: forge(victim.pid!) },
        // Runs next on the same (only) slot: a forged marker must not end its attempt or charge it the failure.
        next: { script: "sleep 0.3; echo next-done > next.txt", runIf: "allDone", after: "forger" },
      }),
    );
    const result = await box.run(["--parallel", "1"]);
    expect(result.code, outputOf(result)).toBe(2);
    const record = box.record();
    expect(statuses(record)).toEqual({ forger: "failed", next: "success" });
    expect(record.tasks.get("forger")!.attempts.map((attempt) => attempt.exitCode)).toEqual([7]);
    expect(record.tasks.get("forger")!.reason).toBe("exit code 7");
    expect(record.tasks.get("next")!.attempts.map((attempt) => attempt.exitCode)).toEqual([0]);
    expect(box.read("next.txt")).toBe("next-done\n");
    expect(result.stdout).toContain("forger | forged");
    expect(isRunning(victim.pid!)).toBe(true);
  });
});
