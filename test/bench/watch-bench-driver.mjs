// Run by watch-bench.mjs in its own process (the timing needs an event loop; the bench sections
// are synchronous): starts `orchc build --watch` on a 1,000-task pipeline, makes one-line edits and
// times each from writing pipeline.ts to the generated file's change. Prints one JSON document.
// argv: <orchc> <project folder> <edits> <warm-up edits>
import { spawn } from "node:child_process";
import { readFileSync, watch, writeFileSync } from "node:fs";
import { join } from "node:path";

const [orchc, folder, editsArg, warmupArg] = process.argv.slice(2);
const edits = Number(editsArg);
const warmup = Number(warmupArg);
const source = join(folder, "pipeline.ts");
const outDir = join(folder, "out", "dags");
const output = join(outDir, "bench_1000.py");

const child = spawn(process.execPath, [orchc, "build", "pipeline.ts", "--target", "airflow", "--out", "out", "--watch"], { cwd: folder, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
let stdout = "";
let stderr = "";
child.stdout.on("data", (chunk) => (stdout += chunk));
child.stderr.on("data", (chunk) => (stderr += chunk));
const fail = (why) => {
  child.kill("SIGKILL");
  throw new Error(`${why}\nstdout:\n${stdout.slice(-2000)}\nstderr:\n${stderr.slice(-2000)}`);
};
const statusLines = () => stdout.split("\n").filter((line) => /^orchc: (re)?built in \d+ ms/.test(line));

/** Resolves when `condition` holds, checked on each of the child's outputs (and the output folder's events when given). */
function until(condition, what, timeoutMs = 30_000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => fail(`timed out waiting for ${what}`), timeoutMs);
    const check = () => {
      if (!condition()) return;
      clearTimeout(timer);
      child.stdout.off("data", check);
      resolve();
    };
    child.stdout.on("data", check);
    check();
  });
}

/** CPU seconds the watcher and its children (esbuild's service) have used; null off Linux. The wall times above depend on the machine's other load, this does not. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const own = (Number(fields[11]) + Number(fields[12])) / 100;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return own + children.reduce((sum, child) => sum + (cpuSeconds(Number(child)) ?? 0), 0);
  } catch {
    return null;
  }
}

const readOutput = () => {
  try {
    return readFileSync(output, "utf8");
  } catch {
    // Between the journal's renames the name may briefly be gone.
    return "";
  }
};

await until(() => statusLines().length >= 1, "the first build");
let text = readFileSync(source, "utf8");
const samples = [];
const printed = [];
// The warm-up edits, kept apart: the first edits after start run before V8 has optimised the compiler.
const first = [];
let cpuBefore = null;
for (let edit = 0; edit < warmup + edits; edit++) {
  if (edit === warmup) cpuBefore = cpuSeconds(child.pid);
  // One line: a different task's command each time, so the DAG file really changes.
  const task = (edit * 37) % 1000;
  const marker = `edit${edit}`;
  text = text.replace(`--n ${task} `, `--n ${task}${marker} `);
  const before = statusLines().length;
  const written = new Promise((resolve) => {
    const watcher = watch(outDir, () => {
      if (!readOutput().includes(marker)) return;
      const at = performance.now();
      watcher.close();
      resolve(at);
    });
  });
  const started = performance.now();
  writeFileSync(source, text);
  const timeout = setTimeout(() => fail(`edit ${edit}: the output never changed`), 30_000);
  const seconds = ((await written) - started) / 1000;
  clearTimeout(timeout);
  await until(() => statusLines().length > before, `edit ${edit}'s status line`);
  (edit < warmup ? first : samples).push(seconds);
  if (edit >= warmup) printed.push(Number(/in (\d+) ms/.exec(statusLines().at(-1))[1]) / 1000);
}
const cpuAfter = cpuSeconds(child.pid);
const cpuPerEdit = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / edits;
child.kill("SIGINT");
const code = await new Promise((resolve) => child.on("exit", resolve));
process.stdout.write(`${JSON.stringify({ samples, printed, first, cpuPerEdit, exitCode: code })}\n`);
