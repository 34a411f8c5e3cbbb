import type { PlanTask } from "../plan.js";
import type { IterationStatus, TaskStatus } from "../store/run-events.js";
import { shownValue } from "./for-each-items.js";
import type { LongTimer } from "./long-timer.js";

/**
 * One line of attempts: a task that runs once, or one iteration of a for-each task. Its attempts,
 * retries and timeout are its own; it ends after its last attempt (or with a stop).
 */
export interface Chain {
  readonly state: TaskState;
  readonly iteration: { readonly index: number; readonly item: string } | null;
  /** Attempts made in earlier sessions of the run: each session gets the retries afresh, attempt numbers go on. */
  readonly earlierAttempts: number;
  attempt: number;
  /** Set while it waits out a retry delay. */
  retryTimer: LongTimer | null;
  status: IterationStatus | null;
  reason: string | null;
}

export interface TaskState {
  readonly index: number;
  readonly task: PlanTask;
  /** waiting: for the tasks before it; ready: its rule held and it has chains to run; done: it has its status. */
  phase: "waiting" | "ready" | "done";
  status: TaskStatus | null;
  waitingFor: number;
  scriptPath: string | null;
  /** What its last successful attempt wrote, or why that attempt failed after all. */
  outputs: Record<string, string> | null;
  outputProblem: string | null;
  /** What this session runs of it, in list order: one chain, or one per iteration not kept from an earlier session. */
  chains: Chain[];
  /** The iterations of its list, kept ones included (1 for a task that runs once). */
  itemCount: number;
  /** chains[nextFresh…] have not started. */
  nextFresh: number;
  /** Chains whose retry delay is over, waiting for a slot. */
  again: Chain[];
  /** Chains started and not ended (retry waits included): at most `limit`. */
  active: number;
  /** At most this many chains at once: the for-each task's concurrency, else 1. */
  readonly limit: number;
  /** Whether its index is in the ready queue. */
  queued: boolean;
}

export function newTaskState(index: number, task: PlanTask, waitingFor: number): TaskState {
  return {
    index,
    task,
    phase: "waiting",
    status: null,
    waitingFor,
    scriptPath: null,
    outputs: null,
    outputProblem: null,
    chains: [],
    itemCount: 1,
    nextFresh: 0,
    again: [],
    active: 0,
    limit: Math.max(1, task.forEach?.concurrency ?? 1),
    queued: false,
  };
}

export function newChain(state: TaskState, iteration: Chain["iteration"], earlierAttempts: number): Chain {
  return { state, iteration, earlierAttempts, attempt: earlierAttempts, retryTimer: null, status: null, reason: null };
}

/** Whether the task can start a chain now: a retry whose wait is over, or a fresh one within its concurrency. */
export const canStartChain = (state: TaskState): boolean => state.again.length > 0 || (state.nextFresh < state.chains.length && state.active < state.limit);

/** The next chain to start: retries first (they hold their place in the concurrency already). */
export function takeChain(state: TaskState): Chain | null {
  const retry = state.again.shift();
  if (retry !== undefined) return retry;
  if (state.nextFresh >= state.chains.length || state.active >= state.limit) return null;
  state.active++;
  return state.chains[state.nextFresh++]!;
}

const SHOWN_FAILURES = 3;

/** A for-each task once all its iterations ended: success when all succeeded, else failed, naming the items (a few). */
export function forEachVerdict(state: TaskState): { status: "success" | "failed"; reason: string | null } {
  const failed = state.chains.filter((chain) => chain.status !== "success");
  if (failed.length === 0) return { status: "success", reason: null };
  const named = failed.slice(0, SHOWN_FAILURES).map((chain) => `item ${chain.iteration!.index} ${shownValue(chain.iteration!.item, 40)} (${chain.reason ?? chain.status})`);
  const more = failed.length > SHOWN_FAILURES ? ` and ${failed.length - SHOWN_FAILURES} more` : "";
  return { status: "failed", reason: `${failed.length} of ${state.itemCount} iterations failed: ${named.join(", ")}${more}` };
}
