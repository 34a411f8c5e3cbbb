import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The nearest `name` at or above `directory`, or undefined. */
export function findUp(directory: string, name: string): string | undefined {
  for (let current = directory; ; current = dirname(current)) {
    if (existsSync(join(current, name))) return join(current, name);
    if (dirname(current) === current) return undefined;
  }
}
