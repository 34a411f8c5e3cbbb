// Secrets on the local runner: a task sees only the secrets it declares; every secret of the
// pipeline (selected tasks or not) is masked in everything the runner prints or stores, whatever
// its bytes (a trailing \r, several lines, split across reads); `.local({ command })` tasks
// require their secrets and keep them.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, it } from "vitest";
import { cliBin, jsonLines, makePlan, orchc, outputOf, tempDir, useSandboxes } from "../runner/runner-harness.js";

const sandbox = useSandboxes();

const TOKEN_A = "alpha-Secret-0001";
const TOKEN_B = "bravo-Secret-0002";
// A value pasted from a file written on Windows, a multi-line value with lines too short to mask alone.
const CR_TOKEN = "charlie-Secret-0003\r";
const SHORT_LINES = "k1\nk2\nk3\nk4";
const CLEAR = ["alpha-Secret", "bravo-Secret", "charlie-Secret", "k1\nk2", "k2\nk3"];

/** Every file under a folder, with its bytes as latin1 text (so any byte can be looked for). */
function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => [path, readFileSync(path, "latin1")]);
}

const leaksIn = (text: string): string[] => CLEAR.filter((clear) => text.includes(clear));

const plan = makePlan(
  "secret_scope",
  {
    // Prints which secrets its environment holds: only its own may be there.
    a: { script: 'printf "A sees a=[%s] b=[%s] cr=[%s]\\n" "${TEST_TOKEN_A-unset}" "${TEST_TOKEN_B-unset}" "${TEST_CR_TOKEN-unset}"; env > env_a', secrets: ["a"] },
    b: { script: 'printf "B sees a=[%s] b=[%s]\\n" "${TEST_TOKEN_A-unset}" "${TEST_TOKEN_B-unset}"', secrets: ["b"] },
    // Holds no secret but prints the others' values, read from a file (a config dump, a tool's debug output).
    dump: { script: "cat values.txt; printf '%s' \"$(head -c 9 values.txt)\"; sleep 0.2; printf '%s\\n' \"$(tail -c +10 values.txt | head -c 8)\"" },
    cr: { script: 'printf "%s\\n" "$TEST_CR_TOKEN"', secrets: ["cr"] },
    lines: { script: 'printf "%s\\n" "$TEST_SHORT_LINES"', secrets: ["lines"] },
  },
  { secrets: { a: "TEST_TOKEN_A", b: "TEST_TOKEN_B", cr: "TEST_CR_TOKEN", lines: "TEST_SHORT_LINES" } },
);

const ENV = { TEST_TOKEN_A: TOKEN_A, TEST_TOKEN_B: TOKEN_B, TEST_CR_TOKEN: CR_TOKEN, TEST_SHORT_LINES: SHORT_LINES };

describe.concurrent("local runner secret scope", () => {
  it("a task's environment holds the secrets it declares and none of the pipeline's others", async ({ expect }) => {
    const box = sandbox(plan, "secret_scope_env");
    box.write("values.txt", "");
    const result = await box.run(["--only", "a,b", "--json"], ENV);
    expect(result.code, outputOf(result)).toBe(0);
    const lines = jsonLines(result.stdout).flatMap((line) => (line.type === "output" ? [(line as { line: string }).line] : []));
    expect(lines).toContain("A sees a=[***] b=[unset] cr=[unset]");
    expect(lines).toContain("B sees a=[unset] b=[***]");
    const environment = box.read("env_a");
    expect(environment).toContain(`TEST_TOKEN_A=${TOKEN_A}`);
    expect(environment).not.toContain("TEST_TOKEN_B=");
    expect(environment).not.toContain("TEST_SHORT_LINES=");
  });

  it("with --only, the secrets of the tasks left out are masked too: console, --json, logs, run store, report", async ({ expect }) => {
    const box = sandbox(plan, "secret_scope_only");
    box.write("values.txt", `${TOKEN_A}${TOKEN_B}\n${CR_TOKEN}\n${SHORT_LINES}\n`);
    for (const args of [["--only", "dump", "--report", "report.html"], ["--only", "dump", "--json"]]) {
      const result = await box.run(args, ENV);
      expect(result.code, outputOf(result)).toBe(0);
      expect(leaksIn(result.stdout + result.stderr)).toEqual([]);
      expect(result.stdout).toContain("******");
    }
    for (const [path, text] of [...filesUnder(box.store), ["report.html", box.read("report.html")] as [string, string]]) expect({ path, leaks: leaksIn(text) }).toEqual({ path, leaks: [] });
  });

  it("a secret ending in \\r, a secret of short lines, and one printed in two writes are masked", async ({ expect }) => {
    const box = sandbox(plan, "secret_scope_bytes");
    box.write("values.txt", "");
    const result = await box.run(["--only", "cr,lines"], ENV);
    expect(result.code, outputOf(result)).toBe(0);
    expect(leaksIn(result.stdout)).toEqual([]);
    expect(result.stdout).toMatch(/^\S* ?cr \| \*\*\*$/m);
    const runId = box.latestRunId()!;
    // The log keeps the bytes as printed, the secret's among them masked: its \r is part of the secret.
    expect(box.read(`.orchc/runs/${runId}/logs/cr.1.log`)).toBe("***\n");
    expect(box.read(`.orchc/runs/${runId}/logs/lines.1.log`)).toBe("***\n");
  });
});

const COMMAND_PIPELINE = `import { notebook, pipeline, secrets } from "@orchc/dsl";

const s = secrets({ cmdToken: { env: "TEST_CMD_TOKEN" }, other: { env: "TEST_CMD_OTHER" } });
const p = pipeline("secret_scope_command", { secrets: s });
p.task("job", notebook("src/job.py", {})).local({ command: 'printf "token=[%s] other=[%s]\\\\n" "\${TEST_CMD_TOKEN}" "$(printenv TEST_CMD_OTHER || echo unset)"' });

export default p;
`;

describe("local runner secret scope: .local({ command })", () => {
  const project = tempDir("secret-scope-command");
  beforeAll(() => {
    if (!existsSync(join(cliBin, "..", "..", "dist", "bundle", "orchc.js"))) throw new Error("the CLI is not built: run `npm run build` first");
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    writeFileSync(join(project, "pipeline.ts"), COMMAND_PIPELINE);
  });

  // The command names TEST_CMD_TOKEN as a variable, and TEST_CMD_OTHER only as a word: the task reads the first, not the second.
  it("a secret the command names is required before the run (ORC502), kept in its environment, and masked", async ({ expect }) => {
    const missing = await orchc(["run", "pipeline.ts"], project, { TEST_CMD_OTHER: "other-Secret-9999" });
    expect(missing.code, outputOf(missing)).toBe(1);
    expect(missing.stderr).toContain("ORC502");
    expect(missing.stderr).toContain("TEST_CMD_TOKEN");
    expect(existsSync(join(project, ".orchc", "runs"))).toBe(false);

    const result = await orchc(["run", "pipeline.ts"], project, { TEST_CMD_TOKEN: "command-Secret-4242", TEST_CMD_OTHER: "other-Secret-9999" });
    expect(result.code, outputOf(result)).toBe(0);
    expect(result.stdout).toContain("job | token=[***] other=[unset]");
    expect(result.stdout).not.toContain("command-Secret");
  });
});
