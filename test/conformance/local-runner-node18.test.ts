// The standalone runner file promises Node 18.3+ and no dependencies: build one from a DSL
// pipeline with the real CLI, copy it alone into an empty folder, and run it with Node 18.3.0
// (scripts/provision-node18.sh). Its HTML report is then opened in headless Chromium.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPipelines } from "@orchc/compiler/load";
import { examplesBuiltFor } from "../examples.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const node18 = join(root, ".tools", "node-18.3.0", "bin", "node");
const project = join(root, ".cache", "conformance-local", "project");
const elsewhere = join(root, ".cache", "conformance-local", "elsewhere");
const orchc = join(root, "packages", "cli", "bin", "orchc.js");

const PIPELINE = `import { params, pipeline, sh } from "@orchc/dsl";
const p = params({ greeting: { type: "string", default: "it's \\"quoted\\" $HOME \`id\`" }, fail_report: { type: "boolean", default: true } });
const nightly = pipeline("nightly", { params: p, schedule: { cron: "0 6 * * *", timezone: "Europe/Paris" }, maxConcurrentRuns: 1 });
const extract = nightly.task("extract", sh\`printf '%s' \${p.greeting} > greeting.txt\`);
const flaky = nightly.task("flaky", sh\`n=$(cat tries 2>/dev/null || echo 0); echo $((n + 1)) > tries; test "$n" -ge 1\`).after(extract).retries(1, { delay: "1s" });
const report = nightly.task("report", sh\`test \${p.fail_report} = false\`).after(extract).optional();
nightly.task("publish", sh\`echo published\`).after(flaky, report).runIf("allDone");
export default nightly;
`;

function chromium(): string | null {
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => existsSync(candidate)) ?? null;
}

describe.skipIf(!existsSync(node18))("the standalone runner on Node 18.3.0", () => {
  beforeAll(() => {
    rmSync(join(root, ".cache", "conformance-local"), { recursive: true, force: true });
    mkdirSync(project, { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(project, "pipeline.ts"), PIPELINE);
    const built = spawnSync(process.execPath, [orchc, "build", "pipeline.ts", "--target", "local"], { cwd: project, encoding: "utf8" });
    expect(built.stderr).toBe("");
    expect(built.status).toBe(0);
    // Nothing of orchc or node_modules beside it: the file must stand alone.
    copyFileSync(join(project, "local", "nightly.mjs"), join(elsewhere, "nightly.mjs"));
  });

  const run = (...args: string[]) => spawnSync(node18, ["nightly.mjs", ...args], { cwd: elsewhere, encoding: "utf8", env: { PATH: process.env.PATH, HOME: "/nonexistent-home" } });

  it("runs the pipeline: retries, an optional failure, PARTIAL with exit code 1, a param byte for byte", () => {
    expect(spawnSync(node18, ["--version"], { encoding: "utf8" }).stdout.trim()).toBe("v18.3.0");
    const result = run("--report", "run.html");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/PARTIAL in [\d.]+m?s: 3 succeeded, 1 optional failed \(report\)\./);
    expect(result.stdout).toContain('schedule "0 6 * * *" (Europe/Paris)');
    expect(readFileSync(join(elsewhere, "greeting.txt"), "utf8")).toBe("it's \"quoted\" $HOME `id`");
    expect(readFileSync(join(elsewhere, "tries"), "utf8").trim()).toBe("2");
  });

  it("resumes: only the optional task that failed runs again", () => {
    const result = run("--resume");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("resuming nightly-");
    expect(result.stdout).toMatch(/start {3}report/);
    expect(result.stdout).not.toMatch(/start {3}extract/);
    const fixed = run("--param", "fail_report=false");
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain("SUCCESS");
  });

  it("lists runs with their success rate", () => {
    const result = run("runs", "list");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/nightly\s+2\s+50% \(1\/2\)/);
  });

  it.skipIf(chromium() === null)("writes a report Chromium renders with a bar for every attempt", () => {
    const dom = spawnSync(chromium()!, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", pathToFileURL(join(elsewhere, "run.html")).href], { encoding: "utf8", timeout: 90_000 });
    expect(dom.status).toBe(0);
    const bars = [...dom.stdout.matchAll(/data-task="([a-z_]+)"[^>]*data-attempt="(\d+)"[^>]*data-outcome="([a-z_]+)"/g)].map((match) => `${match[1]}#${match[2]}:${match[3]}`);
    expect(bars.sort()).toEqual(["extract#1:success", "flaky#1:failed", "flaky#2:success", "publish#1:success", "report#1:failed"]);
  });
});

describe.skipIf(!existsSync(node18))("every example's committed runner file on Node 18.3.0", () => {
  for (const example of examplesBuiltFor("local")) {
    it(`${example.name}: plans every task of its pipeline, alone in an empty folder`, async () => {
      const folder = join(root, ".cache", "conformance-local", example.name.replace("/", "-"));
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      const { loaded } = await loadPipelines([example.pipelineFile]);
      for (const entry of loaded) {
        const spec = entry.spec as { id: string; tasks: Array<{ id: string }>; targets?: Record<string, unknown> };
        // A pipeline whose `targets` leave local out has no runner file (examples/partitioned-sales declares one per target family).
        if (spec.targets !== undefined && spec.targets.local === undefined) continue;
        copyFileSync(join(example.directory, "local", `${spec.id}.mjs`), join(folder, `${spec.id}.mjs`));
        const result = spawnSync(node18, [`${spec.id}.mjs`, "--dry-run"], { cwd: folder, encoding: "utf8", env: { PATH: process.env.PATH } });
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        for (const task of spec.tasks) expect(result.stdout).toContain(task.id);
      }
    });
  }
});
