// Enforces the package arrows dsl ← compiler ← targets ← cli (and dsl ← runner ← targets, cli; compiler ← importers ← cli), and that no target imports another.
// Exits 1 listing every import that points the wrong way.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname, sep } from "node:path";

const allowed = {
  dsl: [],
  runner: ["@orchc/dsl"],
  compiler: ["@orchc/dsl"],
  targets: ["@orchc/compiler", "@orchc/dsl", "@orchc/runner"],
  importers: ["@orchc/compiler", "@orchc/dsl"],
  cli: ["@orchc/dsl", "@orchc/compiler", "@orchc/targets", "@orchc/runner", "@orchc/importers"],
};

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
const problems = [];
for (const [name, permitted] of Object.entries(allowed)) {
  const root = join("packages", name, "src");
  for (const file of files(root)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith("@orchc/") || specifier === "orchc") {
        const base = specifier.split("/").slice(0, 2).join("/");
        if (!permitted.includes(base)) problems.push(`${file}: ${name} must not import ${specifier}`);
      } else if (specifier.startsWith(".")) {
        const target = resolve(dirname(file), specifier);
        const inside = relative(resolve(root), target);
        if (inside.startsWith("..")) problems.push(`${file}: imports ${specifier}, outside its package`);
        if (name === "targets") {
          const [fromFolder] = relative(resolve(root), resolve(file)).split(sep);
          const [toFolder] = inside.split(sep);
          const crossesTargets = fromFolder !== toFolder && toFolder !== "shared" && !toFolder.endsWith(".ts") && fromFolder !== "index.ts";
          if (crossesTargets) problems.push(`${file}: target ${fromFolder} must not import target ${toFolder} (share code through shared/)`);
        }
      }
    }
  }
}
if (problems.length > 0) {
  console.error(`package arrows violated:\n${problems.join("\n")}`);
  process.exit(1);
}
console.log("package arrows: ok");
