import { statSync } from "node:fs";

/** Whether two paths name one file (hard links, or one path spelt two ways on a case-insensitive disk). */
export function sameFile(a: string, b: string): boolean {
  try {
    const first = statSync(a);
    const second = statSync(b);
    return first.ino === second.ino && first.dev === second.dev;
  } catch {
    return false;
  }
}
