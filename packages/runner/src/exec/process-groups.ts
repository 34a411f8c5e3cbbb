import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Pids of a process's children: /proc where there is one (Linux), else pgrep (macOS and other Unixes). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "latin1").split(" ").filter((entry) => entry !== "").map(Number);
  } catch {
    const listed = spawnSync("pgrep", ["-P", String(pid)], { encoding: "latin1" });
    return listed.status === 0 ? listed.stdout.split("\n").filter((entry) => entry !== "").map(Number) : [];
  }
}

/**
 * Signals a whole process group; false when it no longer exists. Group ids come from the runner's
 * own forks, never from task output; 0 (the runner's own group) and 1 (every process of the user)
 * are refused whatever asks for them.
 */
export function signalGroup(groupId: number, signal: NodeJS.Signals): boolean {
  if (!Number.isSafeInteger(groupId) || groupId <= 1) return false;
  try {
    process.kill(-groupId, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Process groups still running a task of this session (`sessionEntry`: its `ORCHC_RUNNER_TOKEN=…`),
 * found by the variables the task's processes carry (Linux: /proc). Used when the slot's shell
 * died under a task, so its group is unknown. `moreEntries` narrow it to one iteration's attempt.
 */
export function groupsOfTask(sessionEntry: string, taskId: string, moreEntries: ReadonlyArray<string> = []): number[] {
  return [...new Set(processesCarrying([sessionEntry, `ORCHC_TASK_ID=${taskId}`, ...moreEntries]).map((process) => process.group))].filter((group) => group > 1);
}

/** Processes (Linux: /proc) whose environment holds every one of these `NAME=value` entries, with their process group. */
export function processesCarrying(wanted: ReadonlyArray<string>): Array<{ pid: number; group: number }> {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: Array<{ pid: number; group: number }> = [];
  for (const pid of pids) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, "latin1").split("\0");
      if (!wanted.every((entry) => environ.includes(entry))) continue;
      // Field 5 of stat is the process group; the command name before it may hold spaces, so count from its closing ")".
      const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // A zombie is gone already: only its parent's wait is missing.
      if (fields[0] === "Z") continue;
      found.push({ pid: Number(pid), group: Number(fields[2]) });
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}
