// Builds every package with esbuild: library entries are transpiled file by file (so users import
// small modules), and the CLI is bundled into one file because module loading dominates a cold start.
import { build } from "esbuild";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const packages = ["dsl", "compiler", "targets", "cli"];

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

await Promise.all(
  packages.map(async (name) => {
    const root = join("packages", name);
    rmSync(join(root, "dist"), { recursive: true, force: true });
    await build({
      entryPoints: sourceFiles(join(root, "src")),
      outdir: join(root, "dist"),
      outbase: join(root, "src"),
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "warning",
    });
  }),
);

// Heavy or native dependencies stay external: they load only on the paths that need them.
await build({
  entryPoints: ["packages/cli/src/main.ts"],
  outfile: "packages/cli/dist/orchc.js",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["esbuild", "ts-morph", "prettier", "typescript"],
  banner: { js: "import { createRequire as __orchcCreateRequire } from 'node:module'; const require = __orchcCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
