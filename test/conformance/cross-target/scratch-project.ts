// A throwaway project inside the repository (so `import … from "orchc"` resolves through its
// node_modules) for the cross-target tests that build one pipeline for several targets and read back
// what its tasks wrote.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const cliBin = join(repoRoot, "packages", "cli", "bin", "orchc.js");

export function orchc(args: ReadonlyArray<string>, cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [cliBin, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, encoding: "utf8", timeout: 240_000 });
}

export interface ScratchProject {
  readonly dir: string;
  /** Builds `file` for `target` into out/<out>, or throws with what orchc said. */
  build(target: string, file: string, out: string, extra?: ReadonlyArray<string>): void;
  /** A fresh folder the tasks of one engine write to. */
  freshOut(name: string): string;
  remove(): void;
}

export function scratchProject(name: string, files: Readonly<Record<string, string>>): ScratchProject {
  const parent = join(repoRoot, ".cache", name);
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, "run-"));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return {
    dir,
    build(target, file, out, extra = []) {
      const built = orchc(["build", "-t", target, ...extra, "--out", join(dir, "out", out), file], dir);
      if (built.status !== 0) throw new Error(`orchc build -t ${target} ${extra.join(" ")} ${file}:\n${built.stdout}${built.stderr}`);
    },
    freshOut(engine) {
      const out = join(dir, "written", engine);
      mkdirSync(out, { recursive: true });
      return out;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every file in `out`, by name, as text. */
export const writtenFiles = (out: string): Record<string, string> => Object.fromEntries(readdirSync(out).map((file) => [file, readFileSync(join(out, file), "utf8")]));
