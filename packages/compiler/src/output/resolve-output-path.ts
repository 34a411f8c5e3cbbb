import { isAbsolute, join, relative, resolve, win32 } from "node:path";

export interface OutputPath {
  /** Normalised, `/`-separated, relative to the output directory; `""` is the output directory itself. */
  readonly relative: string;
  readonly absolute: string;
}

/**
 * Checks a target-supplied path before anything touches the disk: a bug in a target must not be
 * able to write or delete outside the output directory.
 */
export function resolveOutputPath(outDir: string, path: string, kind: "file" | "directory"): OutputPath {
  const reject = (why: string) => new Error(`internal: output ${kind} path ${JSON.stringify(path)} ${why}`);
  if (isAbsolute(path) || win32.isAbsolute(path) || /^[A-Za-z]:/.test(path)) throw reject("must be relative to the output directory");
  if (/[\\\0]/.test(path)) throw reject("must use `/` separators and no NUL characters");
  const segments = path.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) throw reject("must not contain `..`");
  if (kind === "file" && (segments.length === 0 || path.endsWith("/"))) throw reject("must name a file");
  const root = resolve(outDir);
  const absolute = join(root, ...segments);
  const back = relative(root, absolute);
  if (back.startsWith("..") || isAbsolute(back)) throw reject("leaves the output directory");
  return { relative: segments.join("/"), absolute };
}
