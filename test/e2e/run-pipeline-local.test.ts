// A task that starts another pipeline, run for real by the local runner files `orchc build -t local`
// writes and by `orchc run`: the other pipeline runs from its own runner file, in the same run store,
// with the values passed; its SUCCESS and PARTIAL make the task succeed, its FAILED fails it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cliBin, runCli, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();

const PIPELINES = `import { params, pipeline, runPipeline, sh } from "orchc";

const n = params({ catalog: { type: "string" }, mode: { type: "enum", values: ["ok", "fail", "partial"], default: "ok" } });
export const nightly = pipeline("nightly", { params: n });
const work = nightly.task("work", sh\`echo "catalog=\${n.catalog}" > child.txt; test \${n.mode} != fail\`);
nightly.task("report", sh\`test \${n.mode} != partial\`).after(work).optional();

const d = params({ mode: { type: "enum", values: ["ok", "fail", "partial"], default: "ok" } });
export const daily = pipeline("daily", { params: d });
const start = daily.task("start_nightly", runPipeline(nightly, { params: { catalog: "main it's", mode: d.mode } }));
daily.task("after", sh\`touch after.txt\`).after(start);
`;

describe("runPipeline on the local target", () => {
  let cwd = "";
  beforeAll(() => {
    cwd = project({ "pipeline.ts": PIPELINES });
    const built = runCli(["build", "-t", "local"], { cwd });
    expect(built.stderr).toBe("");
    expect(built.status).toBe(0);
  });

  const runDaily = (command: ReadonlyArray<string>, mode: string) => {
    for (const file of ["child.txt", "after.txt"]) rmSync(join(cwd, file), { force: true });
    const result = spawnSync(process.execPath, [...command, "--param", `mode=${mode}`], { cwd, encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } });
    return { status: result.status, output: result.stdout + result.stderr, child: existsSync(join(cwd, "child.txt")) ? readFileSync(join(cwd, "child.txt"), "utf8") : null, after: existsSync(join(cwd, "after.txt")) };
  };

  it.each([
    ["ok", 0, true],
    ["partial", 0, true],
    ["fail", 2, false],
  ] as const)("the standalone file: a child run that ends %s gives the parent exit %i", (mode, status, after) => {
    const run = runDaily(["local/daily.mjs"], mode);
    expect(run.child).toBe("catalog=main it's\n");
    expect(run.status, run.output).toBe(status);
    expect(run.after).toBe(after);
    if (mode === "fail") expect(run.output).toMatch(/upstream failed after: runIf allSuccess not met: start_nightly failed/);
  });

  it("orchc run: the same task, the child run recorded in the same store", () => {
    const before = readdirSync(join(cwd, ".orchc", "runs")).filter((name) => name.startsWith("nightly-")).length;
    const run = runDaily([cliBin, "run", "pipeline.ts", "--pipeline", "daily"], "partial");
    expect(run.status, run.output).toBe(0);
    expect(run.after).toBe(true);
    expect(readdirSync(join(cwd, ".orchc", "runs")).filter((name) => name.startsWith("nightly-")).length).toBe(before + 1);
  });
});
