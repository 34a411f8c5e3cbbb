// Task output and terminal escape sequences: a task must not be able to forge the runner's lines
// (erase its own prefix, print a green SUCCESS), write the clipboard (OSC 52) or retitle the window.
// The line and live reporters drop escape sequences and show other control characters as \xNN;
// --json escapes them; the log file keeps the bytes as printed.
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { PLAIN } from "../../packages/runner/src/report/format.js";
import { LiveReporter } from "../../packages/runner/src/report/live-reporter.js";
import { terminalText } from "../../packages/runner/src/report/terminal-text.js";
import { makePlan, outputOf, useSandboxes } from "../runner/runner-harness.js";

const sandbox = useSandboxes();

// Erase the line and return to its start, then a green SUCCESS; OSC 52 (clipboard); OSC 0 (title); a C1 CSI; a bell; bidi override.
const HOSTILE = "\x1b[2K\r\x1b[32mSUCCESS in 1s\x1b[0m|\x1b]52;c;ZXZpbA==\x07|\x1b]0;owned\x1b\\|\u009b31mred|\x07|\u202eevil";
const TERMINAL_ACTS_ON = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/;

describe("local runner terminal escapes", () => {
  it("the console gets the output without escape sequences, control characters shown; the log keeps the bytes", async ({ expect }) => {
    const box = sandbox(makePlan("terminal_escapes", { hostile: { script: "cat hostile.txt" } }));
    box.write("hostile.txt", `${HOSTILE}\n`);
    const result = await box.run();
    expect(result.code, outputOf(result)).toBe(0);
    expect(result.stdout).not.toMatch(TERMINAL_ACTS_ON);
    expect(result.stdout).toContain("hostile | \\x0dSUCCESS in 1s|||red|\\x07|\\u202eevil");
    expect(box.read(`.orchc/runs/${box.latestRunId()!}/logs/hostile.1.log`)).toBe(`${HOSTILE}\n`);

    const json = await box.run(["--json"]);
    expect(json.stdout).not.toMatch(TERMINAL_ACTS_ON);
    expect(json.stdout).toContain(JSON.stringify(HOSTILE).slice(1, -1).replace("\u009b", "\\u009b").replace("\u202e", "\\u202e"));
  });

  it("runs show prints what a planted journal holds without acting on the terminal", async ({ expect }) => {
    const box = sandbox(makePlan("terminal_escapes_journal", { plain: "true" }));
    expect((await box.run()).code).toBe(0);
    const runId = box.latestRunId()!;
    appendFileSync(join(box.runDir(runId), "journal.jsonl"), `${JSON.stringify({ type: "task_finished", at: Date.now(), task: "plain", status: "failed", reason: HOSTILE })}\n`);
    const shown = await box.run(["runs", "show", runId]);
    expect(shown.code, outputOf(shown)).toBe(0);
    expect(shown.stdout).toContain("SUCCESS in 1s|||red");
    expect(shown.stdout).not.toMatch(TERMINAL_ACTS_ON);
  });

  it("the live reporter (a terminal's) shows task output the same way", ({ expect }) => {
    let written = "";
    const reporter = new LiveReporter({ write: (text: string) => (written += text) }, PLAIN);
    reporter.output({ type: "output", task: "hostile", attempt: 1, line: HOSTILE });
    reporter.close();
    expect(written).toBe(`hostile | ${terminalText(HOSTILE)}\n`);
    expect(terminalText(HOSTILE)).not.toMatch(TERMINAL_ACTS_ON);
  });
});
