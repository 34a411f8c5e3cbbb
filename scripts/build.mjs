// Builds every package with esbuild: library entries are transpiled file by file (so users import
// small modules), and the CLI is bundled into one file because module loading dominates a cold start.
import { build } from "esbuild";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import Handlebars from "handlebars";

const packages = ["dsl", "runner", "compiler", "targets", "importers", "cli"];

// The local target embeds the runner engine in every file it writes, so the engine is bundled
// first (zero dependencies, Node 18+) and handed to the target as a generated module holding its text.
const engine = await build({
  entryPoints: ["packages/runner/src/standalone.ts"],
  bundle: true,
  // From source: on a fresh clone no package's dist/ exists yet when this runs.
  alias: { "@orchc/dsl": "./packages/dsl/src/index.ts" },
  write: false,
  format: "esm",
  platform: "node",
  target: "node18",
  legalComments: "none",
  logLevel: "warning",
});
// Rewritten only when it changed, so a watcher or vitest does not see a fresh file on every build.
function writeGenerated(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path) || readFileSync(path, "utf8") !== contents) writeFileSync(path, contents);
}

const engineSource = engine.outputFiles[0].text;
writeGenerated(
  "packages/targets/src/local/runner-source.generated.ts",
  `// Written by scripts/build.mjs from packages/runner/src/standalone.ts; not committed.\nexport const RUNNER_SOURCE: string = ${JSON.stringify(engineSource)};\n`,
);

// The Airflow DAG template is compiled here, so the CLI ships only Handlebars' runtime (~30 KB)
// instead of its compiler, parser and source-map (~450 KB to load and ~9 ms to compile each build).
const dagTemplate = "packages/targets/src/airflow/dag-template.hbs";
const dagTemplateSpec = Handlebars.precompile(readFileSync(dagTemplate, "utf8"), { noEscape: true, strict: true });
writeGenerated(
  "packages/targets/src/airflow/dag-template.generated.ts",
  `// @ts-nocheck -- Handlebars' precompiled output, written by scripts/build.mjs from ${dagTemplate}; not committed.\nimport type { TemplateSpecification } from "handlebars";\nexport const DAG_TEMPLATE: TemplateSpecification = ${dagTemplateSpec};\n`,
);

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

// cron-parser require()s luxon and the compiler imports it, which esbuild resolves to its CommonJS
// and ES builds: two copies to compile, and the locale setting in parse-cron.ts reached only one of
// them, so cron-parser's still asked Intl for the system locale (~10 ms of every build). One copy.
const oneLuxon = {
  name: "one-luxon",
  setup(build) {
    const esm = createRequire(import.meta.url).resolve("luxon/package.json").replace(/package\.json$/, "build/es6/luxon.mjs");
    build.onResolve({ filter: /^luxon$/ }, () => ({ path: esm }));
  },
};

// Heavy or native dependencies stay external: they load only on the paths that need them.
// Split so that code only some commands need (locating errors, diffs for --check, YAML) loads on demand.
const bundle = await build({
  // The watcher's load worker (packages/cli/src/watch/recycled-loader.ts) is its own entry, so it shares the loader's chunks.
  entryPoints: { orchc: "packages/cli/src/main.ts", "load-worker": "packages/cli/src/watch/load-worker.ts" },
  outdir: "packages/cli/dist/bundle",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["esbuild", "ts-morph", "prettier", "typescript"],
  plugins: [oneLuxon],
  banner: { js: "import { createRequire as __orchcCreateRequire } from 'node:module'; const require = __orchcCreateRequire(import.meta.url);" },
  define: { ORCHC_BUNDLED_VERSION: JSON.stringify(JSON.parse(readFileSync("packages/cli/package.json", "utf8")).version) },
  metafile: true,
  logLevel: "warning",
});
// Kept for looking at what the CLI's cold start has to load (esbuild's analyzer reads it).
writeFileSync("packages/cli/dist/bundle/meta.json", JSON.stringify(bundle.metafile));

// What `import … from "orchc"` loads: the DSL in one file with nothing to resolve, so the published
// package needs none of the workspaces at run time.
await build({
  entryPoints: ["packages/cli/src/index.ts"],
  outfile: "packages/cli/dist/index.js",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
});
// ...and its types, rolled into packages/cli/dist/index.d.ts.
await import("./build-declarations.mjs");
