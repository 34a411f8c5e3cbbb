// For-each tasks on the local runner, judged by the shared fixture every engine runs
// (for-each-pipeline.ts): `orchc run` and the standalone runner file on the current Node, and the
// standalone file copied alone into an empty folder and run with Node 18.3.0 (the oldest it
// promises; scripts/provision-node.sh 18.3.0). Each run's tasks end as FOR_EACH_STATES says, each
// item runs as often as EXPECTED_ATTEMPTS says (hostile text byte for byte in the command and in
// env), and `after_static` starts only after every iteration of `static_fan` ended.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathToFileURL } from "node:url";
import { attemptsIn, EXPECTED_ATTEMPTS, FAN_ITEMS, FOR_EACH_STATES, forEachPipelineSource, HOSTILE_ITEM, writeForEachInputs } from "./for-each-pipeline.js";
import { orchc, repoRoot, scratchProject, type ScratchProject } from "./scratch-project.js";

const node18 = join(repoRoot, ".tools", "node-18.3.0", "bin", "node");

interface JournalLine {
  readonly type: string;
  readonly at: number;
  readonly task?: string;
  readonly status?: string;
  readonly iteration?: number;
}

let scratch: ScratchProject;

beforeAll(() => {
  scratch = scratchProject("for-each-local", {});
  const inputs = join(scratch.dir, "inputs");
  writeForEachInputs(inputs);
  writeFileSync(join(scratch.dir, "pipeline.ts"), forEachPipelineSource(inputs));
  scratch.build("local", "pipeline.ts", "local");
}, 300_000);

afterAll(() => scratch?.remove());

const engines = [
  { name: "orchc run", node: null },
  { name: "standalone file", node: process.execPath },
  { name: "standalone file on Node 18.3.0", node: node18 },
] as const;

describe("for-each tasks on the local runner", () => {
  for (const engine of engines) {
    const missing = engine.node === node18 && !existsSync(node18) ? "Node 18.3.0 is not provisioned (scripts/provision-node.sh 18.3.0)" : null;
    it.skipIf(missing !== null)(`${engine.name}: every item runs and retries on its own, the task fails once all ended, an empty list skips`, () => {
      const label = engine.name.replaceAll(" ", "-").replaceAll(".", "_");
      const out = scratch.freshOut(label);
      const args = ["--param", `out=${out}`, "--parallel", "4", "--json", "--store", join(scratch.dir, `store-${label}`)];
      let result: SpawnSyncReturns<string>;
      if (engine.node === null) {
        result = orchc(["run", "pipeline.ts", ...args], scratch.dir);
      } else {
        // Alone in a folder of its own: nothing of orchc or node_modules beside it.
        const alone = join(scratch.dir, `alone-${label}`);
        mkdirSync(alone, { recursive: true });
        copyFileSync(join(scratch.dir, "out", "local", "local", "for_each.mjs"), join(alone, "for_each.mjs"));
        result = spawnSync(engine.node, ["for_each.mjs", ...args], { cwd: alone, encoding: "utf8", env: { PATH: process.env.PATH, HOME: "/nonexistent-home" } });
      }
      expect(result.stderr).toBe("");
      expect(result.status, result.stdout).toBe(2);
      const lines = result.stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as JournalLine);
      const finished = lines.filter((line) => line.type === "task_finished");
      expect(finished).toHaveLength(Object.keys(FOR_EACH_STATES).length);
      expect(Object.fromEntries(finished.map((line) => [line.task, line.status]))).toEqual(FOR_EACH_STATES);
      expect(attemptsIn(out)).toEqual(EXPECTED_ATTEMPTS);
      expect(existsSync(join(out, "after_static"))).toBe(true);
      expect(existsSync(join(out, "after_fan"))).toBe(false);
      const staticEnds = lines.filter((line) => line.type === "iteration_finished" && line.task === "static_fan").map((line) => line.at);
      expect(staticEnds).toHaveLength(2);
      const afterStatic = lines.find((line) => line.type === "task_started" && line.task === "after_static")!;
      expect(afterStatic.at).toBeGreaterThanOrEqual(Math.max(...staticEnds));
    }, 120_000);
  }
});

const chromium = ["/usr/bin/chromium", ...(process.env.PATH ?? "").split(":").map((dir) => join(dir, "chromium"))].find((candidate) => candidate !== "/chromium" && existsSync(candidate)) ?? null;

describe.skipIf(chromium === null)("the HTML report of a for-each run, in headless Chromium", () => {
  it("one row per iteration with its item as text, its status and attempts; a bar per attempt", () => {
    const out = scratch.freshOut("report");
    const report = join(scratch.dir, "for-each-report.html");
    const result = orchc(["run", "pipeline.ts", "--param", `out=${out}`, "--parallel", "4", "--report", report, "--store", join(scratch.dir, "store-report")], scratch.dir);
    expect(result.status, result.stderr).toBe(2);
    const dom = spawnSync(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", pathToFileURL(report).href], { encoding: "utf8", timeout: 90_000 });
    expect(dom.status, dom.stderr).toBe(0);
    const rows = [...dom.stdout.matchAll(/<tr class="iteration-row" id="[^"]+" data-task="fan" data-iteration="(\d)" data-status="([a-z_]+)">/g)].map((match) => `${match[1]}:${match[2]}`);
    const failing = FAN_ITEMS.indexOf("fail-me");
    expect(rows).toEqual(FAN_ITEMS.map((_, index) => `${index}:${index === failing ? "failed" : "success"}`));
    const bars = [...dom.stdout.matchAll(/data-task="fan" data-iteration="(\d)" data-attempt="(\d)" data-outcome="([a-z_]+)"/g)].map((match) => `${match[1]}#${match[2]}:${match[3]}`);
    expect(bars.sort()).toEqual([...FAN_ITEMS.map((_, index) => `${index}#1:${index === failing ? "failed" : "success"}`), `${failing}#2:failed`].sort());
    // The hostile item is text in the page, escaped, never markup: its first line shows as written.
    const text = dom.stdout.replace(/<[^>]*>/g, "").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
    expect(text).toContain(HOSTILE_ITEM.split("\n")[0]!.slice(0, 20));
  }, 120_000);
});

