import { readdirSync, renameSync, rmdirSync, unlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { planRecovery, type RecoveryStep } from "./journal-plan.js";
import { JOURNAL_FILE } from "./orchc-file-names.js";
import { lstatOrNull, quietly } from "./output-fs.js";
import { OutputRefusedError } from "./output-refused-error.js";

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // This process has no batch open yet: the journal is an earlier process's.
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === "EPERM";
  }
}

function run(step: RecoveryStep): void {
  if (step.kind === "rename") renameSync(step.from, step.to);
  else if (step.kind === "unlink") quietly(() => unlinkSync(step.path));
  else quietly(() => rmdirSync(step.path));
}

/**
 * Finishes what a killed write into `outDir` left: an uncommitted batch is rolled back to the files
 * it found, a committed one keeps its new files. Every journal is checked before any is acted on;
 * one orchc did not write throws OutputRefusedError (ORC405) and nothing is touched.
 * Returns the number of journals it handled.
 */
export function recoverInterruptedWrites(outDir: string): number {
  const root = resolve(outDir);
  let names: string[];
  try {
    names = readdirSync(root).sort();
  } catch {
    return 0;
  }
  const plans: Array<{ path: string; steps: ReadonlyArray<RecoveryStep> }> = [];
  const leftovers: string[] = [];
  const refusals: Diagnostic[] = [];
  for (const name of names) {
    const match = JOURNAL_FILE.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (isAlive(pid)) continue;
    const path = join(root, name);
    if (match[2] !== undefined) {
      // Killed while saving the journal: either the first save (nothing written yet) or the commit (saved again next).
      if (lstatOrNull(path.slice(0, -".tmp".length)) === null) leftovers.push(path);
      continue;
    }
    const plan = planRecovery(root, path, pid);
    if ("refused" in plan) {
      refusals.push(
        error("ORC405", `${name} in the output folder ${plan.refused}, so it is not a journal orchc wrote; orchc did not act on it and wrote nothing.`, {
          hint: "A build killed mid-write leaves such a journal, naming only its own files in this folder. Look at this one, delete it, and run the build again.",
          location: { file: path, line: 1, column: 1 },
        }),
      );
    } else {
      plans.push({ path, steps: plan.steps });
    }
  }
  if (refusals.length > 0) throw new OutputRefusedError(refusals);
  for (const path of leftovers) quietly(() => unlinkSync(path));
  for (const { path, steps } of plans) {
    for (const step of steps) run(step);
    quietly(() => unlinkSync(path));
    quietly(() => unlinkSync(`${path}.tmp`));
  }
  return plans.length;
}
