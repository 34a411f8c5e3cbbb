import { describe, it } from "vitest";
import type { RunEvent } from "../../packages/runner/src/store/run-events.js";
import { eventsOf, makePlan, outputOf, useSandboxes } from "./runner-harness.js";

const sandbox = useSandboxes();

const sleepers = (id: string, count: number, seconds: number, parallel: number | null = null) =>
  makePlan(id, Object.fromEntries(Array.from({ length: count }, (_, index) => [`sleep${index}`, `sleep ${seconds}`])), { parallel });

/** Run time by the journal (node's start-up is not the scheduler's), and the most attempts that overlapped. */
function timing(events: ReadonlyArray<RunEvent>): { runMs: number; mostAtOnce: number } {
  const started = eventsOf(events, "run_started")[0]!;
  const finished = eventsOf(events, "run_finished")[0]!;
  const edges = [...eventsOf(events, "task_started").map((event) => [event.at, 1] as const), ...eventsOf(events, "attempt_finished").map((event) => [event.at, -1] as const)];
  // Ends before starts at the same millisecond: a slot freed and reused is not an overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let mostAtOnce = 0;
  for (const [, change] of edges) mostAtOnce = Math.max(mostAtOnce, (running += change));
  return { runMs: finished.at - started.at, mostAtOnce };
}

// One after the other: the timings are the point, so the tests do not compete with each other.
describe("parallelism", () => {
  it("4 tasks of 0.5 s on 2 slots take two rounds: at least 1 s, under 1.8 s", async ({ expect }) => {
    const box = sandbox(sleepers("parallel_two", 4, 0.5));
    const result = await box.run(["--parallel", "2"]);
    expect(result.code, outputOf(result)).toBe(0);
    const { runMs, mostAtOnce } = timing(box.events());
    expect(mostAtOnce).toBe(2);
    expect(runMs).toBeGreaterThanOrEqual(1_000);
    expect(runMs).toBeLessThan(1_800);
  });

  it("4 tasks of 0.5 s on 4 slots run at once: under 1.2 s", async ({ expect }) => {
    const box = sandbox(sleepers("parallel_four", 4, 0.5));
    const result = await box.run(["--parallel", "4"]);
    expect(result.code, outputOf(result)).toBe(0);
    const { runMs, mostAtOnce } = timing(box.events());
    expect(mostAtOnce).toBe(4);
    expect(runMs).toBeGreaterThanOrEqual(500);
    expect(runMs).toBeLessThan(1_200);
    expect(result.wallMs).toBeLessThan(3_000);
  });

  it("the plan's parallel is the default, --parallel overrides it", async ({ expect }) => {
    const box = sandbox(sleepers("parallel_plan", 3, 0.3, 1));
    const serial = await box.run();
    expect(serial.code, outputOf(serial)).toBe(0);
    expect(serial.stdout).toContain("3 of 3 tasks, parallel 1");
    const one = timing(box.events());
    expect(one.mostAtOnce).toBe(1);
    expect(one.runMs).toBeGreaterThanOrEqual(900);
    const wide = await box.run(["--parallel", "3"]);
    expect(wide.code, outputOf(wide)).toBe(0);
    expect(timing(box.events()).mostAtOnce).toBe(3);
  });
});
