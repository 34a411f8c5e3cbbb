import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { jsonLines, makePlan, outputOf, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

const SECRET = "hunter2-Sup3r$ecret'\"`x`";

/** Every file under a folder with its text. */
function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => [path, readFileSync(path, "utf8")]);
}

const secretPlan = (id: string) =>
  makePlan(
    id,
    {
      leaky: {
        // By the env value built from the secret, by its own variable, twice on a line, and as a last line without a newline.
        script: 'echo "token=$API_TOKEN"; echo "raw $TEST_SECRET_TOKEN and again $TEST_SECRET_TOKEN!"; printf \'%s\' "$TEST_SECRET_TOKEN"',
        env: { API_TOKEN: [{ text: "Bearer " }, { secret: "token" }] },
        secrets: ["token"],
      },
      // One line of 64 KiB and more, the secret where a pipe read would cut it.
      long: {
        script: `printf '%s%s%s\\n' "$(head -c 65530 /dev/zero | tr '\\0' x)" "$TEST_SECRET_TOKEN" "-tail"`,
        secrets: ["token"],
      },
    },
    { secrets: { token: "TEST_SECRET_TOKEN" } },
  );

describe.concurrent("secrets", () => {
  it("a secret's value is masked as *** in the console and the log files, and written nowhere", async ({ expect }) => {
    const box = sandbox(secretPlan("secret_masked"));
    const result = await box.run([], { TEST_SECRET_TOKEN: SECRET });
    expect(result.code, outputOf(result)).toBe(0);
    expect(result.stdout).toContain("leaky | token=Bearer ***");
    expect(result.stdout).toContain("leaky | raw *** and again ***!");
    expect(result.stdout).toMatch(/^\S* ?leaky \| \*\*\*$/m);
    expect(result.stdout).toContain(`long | ${"x".repeat(65530)}***-tail`);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(result.stdout).not.toContain("hunter2");
    const runId = box.latestRunId()!;
    expect(box.read(`.orchc/runs/${runId}/logs/leaky.1.log`)).toBe("token=Bearer ***\nraw *** and again ***!\n***\n");
    expect(box.read(`.orchc/runs/${runId}/logs/long.1.log`)).toBe(`${"x".repeat(65530)}***-tail\n`);
    // Not in the journal, the scripts, the logs: the value only ever lives in the environment.
    for (const [path, text] of filesUnder(box.store)) expect({ path, leaks: text.includes("hunter2") }).toEqual({ path, leaks: false });
  });

  it("--json output is masked too", async ({ expect }) => {
    const box = sandbox(secretPlan("secret_json"));
    const result = await box.run(["--json"], { TEST_SECRET_TOKEN: SECRET });
    expect(result.code, outputOf(result)).toBe(0);
    expect(result.stdout).not.toContain("hunter2");
    const lines = jsonLines(result.stdout).filter((line) => line.type === "output" && line.task === "leaky");
    expect(lines.map((line) => (line as { line: string }).line)).toEqual(["token=Bearer ***", "raw *** and again ***!", "***"]);
  });

  // Was a bug (found by this suite, fixed): masking works line by line, so a secret holding a newline (a PEM key, a multi-line token)
  // is never found in any one line and each of its lines is printed and logged in clear.
  it("a multi-line secret is masked too", async ({ expect }) => {
    const box = sandbox(makePlan("secret_multiline", { pem: { script: 'printf "%s\\n" "$TEST_PEM"', secrets: ["pem"] } }, { secrets: { pem: "TEST_PEM" } }));
    const pem = "-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX\n-----END KEY-----";
    const result = await box.run([], { TEST_PEM: pem });
    expect(result.code, outputOf(result)).toBe(0);
    expect(result.stdout).not.toContain("MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX");
    expect(box.read(`.orchc/runs/${box.latestRunId()!}/logs/pem.1.log`)).not.toContain("MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX");
  });
});
