// The local runner killed with SIGKILL at random points: a task the journal recorded as succeeded
// is never lost and never run again, and `--resume` finishes the run. KILL_RUNS sets the count.
import { describe, it } from "vitest";
import { makePlan, outputOf, sleep, useSandboxes } from "../runner/runner-harness.js";
import { seededRandom, testSeed } from "../test-seed.js";

const sandbox = useSandboxes();
const KILLS = Number(process.env.KILL_RUNS ?? 12);
// When each kill lands; the process timing itself still varies, which is what the test is about.
const SEED = testSeed("KILL_SEED");
const random = seededRandom(SEED);

/** Three chains of six short tasks; each appends its id to `done` as its last act. */
function plan(index: number) {
  const tasks: Record<string, { script: string; after?: string }> = {};
  for (let chain = 0; chain < 3; chain++) {
    for (let step = 0; step < 6; step++) {
      const id = `c${chain}_${step}`;
      tasks[id] = { script: `sleep 0.0$((RANDOM % 5)); echo ${id} >> done`, ...(step > 0 && { after: `c${chain}_${step - 1}` }) };
    }
  }
  return makePlan(`killed_runner_${index}`, tasks);
}

describe(`a runner killed at random points (seed ${SEED}; KILL_SEED replays)`, () => {
  it(`${KILLS} kills: recorded successes survive and are not run again; --resume finishes`, async ({ expect }) => {
    let recordedBeforeResume = 0;
    let resumedRuns = 0;
    for (let run = 0; run < KILLS; run++) {
      const box = sandbox(plan(run));
      const first = box.start(["--parallel", "2"]);
      await sleep(20 + random() * 400);
      first.kill("SIGKILL");
      await first.done;
      const runId = box.latestRunId();
      // Killed before the run existed (no folder, or a journal opened but not yet written; the
      // runner's --resume skips such a run too): nothing to resume, nothing lost.
      if (runId === null || box.events(runId).length === 0) continue;
      const record = box.record(runId);
      const succeeded = [...record.tasks.values()].filter((task) => task.status === "success").map((task) => task.id);
      recordedBeforeResume += succeeded.length;
      // A success in the journal means its script finished: its line is in `done`.
      for (const id of succeeded) expect(box.lines("done"), `run ${run}: ${id}`).toContain(id);
      if (record.status !== null) continue; // It finished before the kill.

      resumedRuns++;
      const resumed = await box.run(["--resume", "--parallel", "2"]);
      expect(resumed.code, outputOf(resumed)).toBe(0);
      const after = box.record(runId);
      expect([...after.tasks.values()].every((task) => task.status === "success"), `run ${run}`).toBe(true);
      expect(after.tasks.size).toBe(18);
      const done = box.lines("done");
      for (const id of succeeded) expect(done.filter((line) => line === id), `run ${run}: ${id} ran again`).toHaveLength(1);
    }
    console.log(`[killed runner] ${resumedRuns} of ${KILLS} runs killed mid-run and resumed; ${recordedBeforeResume} recorded successes kept`);
    expect(resumedRuns).toBeGreaterThan(0);
    expect(recordedBeforeResume).toBeGreaterThan(0);
  }, 120_000);
});
