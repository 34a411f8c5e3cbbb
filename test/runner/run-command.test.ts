// `orchc run`: the CLI compiles a pipeline.ts written with the DSL and runs it in-process with the
// same engine the standalone runner file embeds.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, it } from "vitest";
import { cliBin, groupRemaining, orchc, outputOf, recordGroup, RunningProcess, tempDir } from "./runner-harness.js";

const PIPELINE = `import { concat, params, pipeline, sh } from "@orchc/dsl";

const p = params({
  message: { type: "string", default: "plain" },
  mode: { type: "enum", values: ["ok", "partial", "fail"], default: "ok" },
});

const e2e = pipeline("runner_e2e_cli", { params: p });
const write = e2e.task("write", sh\`printf '%s' \${p.message} > out.txt\`);
e2e.task("greet", sh\`printf '%s' "$GREETING" > greeting.txt\`).env({ GREETING: concat("<", p.message, ">") }).after(write);
e2e.task("extra", sh\`test \${p.mode} != partial\`).after(write).optional();
e2e.task("check", sh\`echo checking; test \${p.mode} != fail\`).after(write);

export default e2e;
`;

const SLOW_PIPELINE = `import { pipeline, sh } from "@orchc/dsl";

const slow = pipeline("runner_e2e_cli_slow");
slow.task("wait", sh\`${recordGroup("wait.group")}; sleep 30\`);

export default slow;
`;

const HOSTILE = 'it\'s "$(touch pwned)" `id` $HOME; && \\ \n\t 🚀 -n';

describe("orchc run", () => {
  // Under the repo, so `@orchc/dsl` resolves from its node_modules; removed after the file's tests.
  const project = tempDir("run-command");
  beforeAll(() => {
    if (!existsSync(join(cliBin, "..", "..", "dist", "bundle", "orchc.js"))) throw new Error("the CLI is not built: run `npm run build` first");
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    writeFileSync(join(project, "pipeline.ts"), PIPELINE);
    writeFileSync(join(project, "slow.ts"), SLOW_PIPELINE);
  });

  it("runs a DSL pipeline; a hostile --param value reaches the task byte for byte", async ({ expect }) => {
    const result = await orchc(["run", "pipeline.ts", "--param", `message=${HOSTILE}`], project);
    expect(result.code, outputOf(result)).toBe(0);
    expect(readFileSync(join(project, "out.txt"), "utf8")).toBe(HOSTILE);
    expect(readFileSync(join(project, "greeting.txt"), "utf8")).toBe(`<${HOSTILE}>`);
    expect(existsSync(join(project, "pwned"))).toBe(false);
    expect(result.stdout).toContain("check | checking");
    expect(result.stdout).toMatch(/^SUCCESS in \S+: 4 succeeded\.$/m);
    expect(existsSync(join(project, ".orchc", "runs"))).toBe(true);
  });

  it("the default value when no --param is given", async ({ expect }) => {
    const result = await orchc(["run"], project);
    expect(result.code, outputOf(result)).toBe(0);
    expect(readFileSync(join(project, "out.txt"), "utf8")).toBe("plain");
  });

  it("exit codes: 1 when only the optional task failed, 2 when a critical one did, 1 for bad params", async ({ expect }) => {
    const partial = await orchc(["run", "--param", "mode=partial"], project);
    expect(partial.code, outputOf(partial)).toBe(1);
    expect(partial.stdout).toContain("PARTIAL");
    const failed = await orchc(["run", "--param", "mode=fail"], project);
    expect(failed.code, outputOf(failed)).toBe(2);
    expect(failed.stdout).toContain("FAILED");
    const failedRun = /^orchc run (\S+):/m.exec(failed.stdout)![1]!;
    expect(failed.stdout).toContain(`resume: orchc run pipeline.ts --resume ${failedRun}`);

    const before = await orchc(["runs", "list", "--json"], project);
    const runCount = (JSON.parse(before.stdout) as { runs: unknown[] }).runs.length;
    const badEnum = await orchc(["run", "--param", "mode=maybe"], project);
    expect(badEnum.code, outputOf(badEnum)).toBe(1);
    expect(badEnum.stdout + badEnum.stderr).toContain('param `mode` must be one of ok, partial, fail; got "maybe"');
    const unknown = await orchc(["run", "--param", "nope=1"], project);
    expect(unknown.code, outputOf(unknown)).toBe(1);
    expect(unknown.stdout + unknown.stderr).toContain("has no param `nope`");
    // Refused before anything ran.
    const after = await orchc(["runs", "list", "--json"], project);
    expect((JSON.parse(after.stdout) as { runs: unknown[] }).runs).toHaveLength(runCount);

    // A resumed run keeps its own params: mode is still "fail", so only check runs again, and fails again.
    const resumed = await orchc(["run", "--resume", failedRun], project);
    expect(resumed.code, outputOf(resumed)).toBe(2);
    expect(resumed.stdout).toContain(`orchc run ${failedRun} (resumed, session 2): 1 of 4 tasks`);
    expect(resumed.stdout).toContain('params: message="plain", mode="fail"');
  });

  it("SIGINT stops `orchc run` with exit 130 and stops its task", async ({ expect }) => {
    const runner = new RunningProcess(process.execPath, [cliBin, "run", "slow.ts"], { cwd: project });
    const group = await runner.waitFor(() => {
      const path = join(project, "wait.group");
      const text = existsSync(path) ? readFileSync(path, "utf8") : "";
      return /^\d+\n$/.test(text) ? Number(text) : null;
    }, "the task to start");
    const signalledAt = performance.now();
    runner.kill("SIGINT");
    const result = await runner.done;
    expect(result.code, outputOf(result)).toBe(130);
    expect(performance.now() - signalledAt).toBeLessThan(3_000);
    expect(result.stdout).toContain("INTERRUPTED");
    expect(await groupRemaining(group)).toEqual([]);
  });
});
