import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Pids of a process's children: /proc where there is one (Linux), else pgrep (macOS and other Unixes). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "latin1").split(" ").filter((entry) => entry !== "").map(Number);
  } catch {
    const listed = spawnSync("pgrep", ["-P", String(pid)], { encoding: "latin1" });
    return listed.status === 0 ? listed.stdout.split("\n").filter((entry) => entry !== "").map(Number) : [];
  }
}

/** Signals a whole process group; false when it no longer exists. */
export function signalGroup(groupId: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-groupId, signal);
    return true;
  } catch {
    return false;
  }
}
