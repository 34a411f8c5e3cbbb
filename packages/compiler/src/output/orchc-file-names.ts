import { basename, dirname, join } from "node:path";

// The names of orchc's own working files inside the output folder. Recovery touches a file only
// when its name is one of these, derived here from an output path and a pid, never taken from disk.

/** Temp and backup files of a build that may still be running; the stale sweep skips them. */
export const WORKING_FILE = /^\..+\.orchc-(?:tmp|old)-\d+$/;

/** `.orchc-write-<pid>.json`, and the `.tmp` it is saved through. */
export const JOURNAL_FILE = /^\.orchc-write-([1-9]\d{0,9})\.json(\.tmp)?$/;

export const tempPathFor = (absolute: string, pid: number): string => join(dirname(absolute), `.${basename(absolute)}.orchc-tmp-${pid}`);

export const backupPathFor = (absolute: string, pid: number): string => join(dirname(absolute), `.${basename(absolute)}.orchc-old-${pid}`);

export const journalPathFor = (outDir: string, pid: number): string => join(outDir, `.orchc-write-${pid}.json`);
