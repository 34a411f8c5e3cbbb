import { lstatSync, type Stats } from "node:fs";

/** Runs a cleanup step whose failure leaves nothing to undo (already gone, or never made); whether it worked. */
export function quietly(action: () => void): boolean {
  try {
    action();
    return true;
  } catch {
    return false;
  }
}

/** What is at `path` itself (a link is not followed), or null when nothing is. */
export function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
