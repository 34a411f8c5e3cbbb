// What users install is what `npm pack` ships. This packs packages/cli exactly as `npm publish` would,
// installs the tarball with its dependencies from the registry into an empty folder outside the
// repository, and uses it there as a new user would, on each Node version orchc supports (20, 22, 24,
// from scripts/provision-node.sh): init, build for every target, run, --check, and the project's CI
// workflow through actionlint and zizmor. The shipped declarations are type-checked under the strictest
// settings users run (ESM and CommonJS projects, nodenext and bundler resolution) by TypeScript 5.5,
// 5.9 and 7, with the editor's promises (a misspelt param, another pipeline's task) still errors.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubToolsMissingReason, runActionlint, runZizmor } from "../github-actions/github-tools.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const NODE_VERSIONS = ["20.19.0", "22.23.5", "24.22.3"] as const;
const TYPESCRIPTS = { "5.5": "ts55", "5.9": "ts59", "7": "typescript" } as const;
const nodeOf = (version: string) => join(repoRoot, ".tools", `node-${version}`, "bin", "node");

const work = mkdtempSync(join(tmpdir(), "orchc-packed-"));
// Readable by the unprivileged user the read-only case runs as.
chmodSync(work, 0o755);
const installed = join(work, "installed");
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The environment of a user's shell: nothing of this repository's, no NODE_PATH into it. */
function userEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", NO_COLOR: "1", npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? "/root", ".npm") };
}

function run(command: string, args: ReadonlyArray<string>, cwd: string, timeout = 240_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: userEnv(), encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
}

const ok = (result: SpawnSyncReturns<string>, what: string) => expect(result.status, `${what}\n${result.stdout}\n${result.stderr}`).toBe(0);

let tarball = "";
let packedFiles: string[] = [];

beforeAll(() => {
  const packed = run("npm", ["pack", "--json", "--pack-destination", work], join(repoRoot, "packages", "cli"));
  ok(packed, "npm pack");
  const [manifest] = JSON.parse(packed.stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
  tarball = join(work, manifest!.filename);
  packedFiles = manifest!.files.map((file) => file.path);
  console.log(`[packed] ${manifest!.filename}: ${packedFiles.length} files, ${(manifest!.size / 1024).toFixed(0)} KiB packed, ${(manifest!.unpackedSize / 1024).toFixed(0)} KiB unpacked`);
  // One install, from the tarball and the registry only, shared by every Node version and TypeScript.
  mkdirSync(installed);
  writeFileSync(join(installed, "package.json"), `${JSON.stringify({ name: "user-project", private: true }, null, 2)}\n`);
  const install = run("npm", ["install", "--no-audit", "--no-fund", "--save-dev", tarball, "typescript@7.0.2", "ts55@npm:typescript@5.5", "ts59@npm:typescript@5.9"], installed, 600_000);
  ok(install, "npm install of the packed orchc");
}, 660_000);

describe("the package npm pack ships", () => {
  it("holds the CLI, the DSL runtime and compiled declarations, and nothing else", () => {
    expect(packedFiles).toContain("bin/orchc.js");
    expect(packedFiles).toContain("dist/index.js");
    expect(packedFiles).toContain("dist/index.d.ts");
    expect(packedFiles).toContain("dist/index.d.cts");
    expect(packedFiles).toContain("dist/bundle/orchc.js");
    expect(packedFiles).toContain("dist/bundle/load-worker.js");
    const unexpected = packedFiles.filter((path) => !/^(package\.json|README\.md|bin\/orchc\.js|dist\/index\.(js|d\.ts|d\.cts)|dist\/bundle\/(orchc\.js|load-worker\.js|chunks\/[\w-]+\.js))$/.test(path));
    expect(unexpected).toEqual([]);
    // Nothing at run time reaches for a workspace package or a TypeScript source.
    const code = packedFiles.filter((path) => path.endsWith(".js")).map((path) => readFileSync(join(installed, "node_modules", "orchc", path), "utf8"));
    expect(code.filter((text) => /(from\s*|import\(\s*|require\(\s*)["']@orchc\//.test(text))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(installed, "node_modules", "orchc", "package.json"), "utf8")) as { dependencies: Record<string, string>; engines: { node: string } };
    expect(Object.keys(manifest.dependencies).filter((name) => name.startsWith("@orchc/"))).toEqual([]);
    expect(manifest.engines.node).toBe(">=20.19");
  });
});

/** A fresh user project over the shared install: its own package.json, the shared node_modules. */
function project(name: string, packageJson: Record<string, unknown>): string {
  const directory = join(work, name);
  mkdirSync(directory);
  writeFileSync(join(directory, "package.json"), `${JSON.stringify({ name, version: "1.0.0", ...packageJson }, null, 2)}\n`);
  symlinkSync(join(installed, "node_modules"), join(directory, "node_modules"), "dir");
  return directory;
}

const PIPELINE = `import { cron, params, pipeline, sh } from "orchc";

const p = params({ region: { type: "enum", values: ["eu", "us"], default: "eu" } });

const daily = pipeline("daily", {
  schedule: cron("0 6 * * *", { timezone: "UTC" }),
  timeout: "1h",
  params: p,
  targets: { airflow: {}, githubActions: { "pipeline.timeout": "emulate" }, local: {} },
});
const extract = daily.task("extract", sh\`echo extract \${p.region}\`);
daily.task("load", sh\`echo load\`).after(extract).retries(1, { delay: "1s" });

export default daily;
`;

// Every line below a @ts-expect-error must stay an error through the published declarations.
const EDITOR_PROMISES = `import { params, pipeline, sh } from "orchc";

const p = params({ region: { type: "string", default: "eu" } });
const a = pipeline("a", { params: p });
const b = pipeline("b", {});
const first = a.task("first", sh\`echo \${p.region}\`);
// @ts-expect-error a misspelt param
a.task("typo", sh\`echo \${p.regoin}\`);
const other = b.task("other", sh\`true\`);
// @ts-expect-error a task of another pipeline
a.task("mixed", sh\`true\`).after(other);
// @ts-expect-error a choice GitHub Actions does not offer
pipeline("c", { targets: { githubActions: { "notify.onFailure": "emulate" } } });
a.task("ok", sh\`true\`).after(first);
export { a, b };
`;

const STRICTEST = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true, target: "ES2022", types: [] };
const MODES = {
  "nodenext, ESM": { type: "module", compilerOptions: { module: "nodenext", moduleResolution: "nodenext" } },
  "nodenext, CommonJS": { type: "commonjs", compilerOptions: { module: "nodenext", moduleResolution: "nodenext" } },
  bundler: { type: "module", compilerOptions: { module: "preserve", moduleResolution: "bundler" } },
} as const;

describe("the shipped declarations type-check under the strictest settings", () => {
  const cells = Object.entries(TYPESCRIPTS).flatMap(([version, packageName]) => Object.keys(MODES).map((mode) => [version, packageName, mode] as const));
  it.each(cells)("TypeScript %s, %s", (version, packageName, mode) => {
    const settings = MODES[mode as keyof typeof MODES];
    const directory = project(`ts-${version}-${mode.replace(/\W+/g, "-")}`, { type: settings.type });
    writeFileSync(join(directory, "pipeline.ts"), PIPELINE);
    writeFileSync(join(directory, "editor.ts"), EDITOR_PROMISES);
    writeFileSync(join(directory, "tsconfig.json"), `${JSON.stringify({ compilerOptions: { ...STRICTEST, ...settings.compilerOptions }, files: ["pipeline.ts", "editor.ts"] }, null, 2)}\n`);
    const tsc = join(installed, "node_modules", packageName, "bin", "tsc");
    const checked = run(nodeOf("22.23.5"), [tsc, "-p", "tsconfig.json"], directory);
    ok(checked, `tsc ${version} (${mode})`);
  });
});

describe.each(NODE_VERSIONS)("on Node %s", (nodeVersion) => {
  const node = nodeOf(nodeVersion);
  const orchc = (args: ReadonlyArray<string>, cwd: string) => run(node, [join(cwd, "node_modules", "orchc", "bin", "orchc.js"), ...args], cwd);

  it("init, build for every target, run, and --check that notices an edit", () => {
    expect(existsSync(node), `${node}: run scripts/provision-node.sh ${nodeVersion}`).toBe(true);
    expect(run(node, ["--version"], work).stdout.trim()).toBe(`v${nodeVersion}`);
    const directory = project(`user-${nodeVersion}`, { type: "module" });
    ok(orchc(["init"], directory), "orchc init");
    expect(existsSync(join(directory, "pipeline.ts"))).toBe(true);
    writeFileSync(join(directory, "pipeline.ts"), PIPELINE);

    const built = orchc(["build", "-t", "all"], directory);
    ok(built, "orchc build -t all");
    for (const file of ["ir/daily.ir.json", "dags/daily.py", ".github/workflows/daily.yml", "local/daily.mjs"]) expect(existsSync(join(directory, file)), file).toBe(true);
    expect(readdirSync(directory).filter((name) => name.includes(".orchc-"))).toEqual([]);

    const ran = orchc(["run", "--json"], directory);
    ok(ran, "orchc run");
    expect(ran.stdout).toContain('"type":"run_finished"');

    // The commands that load prettier and ts-morph, the package's heavier dependencies, from the install.
    cpSync(join(repoRoot, "examples", "notebook-control-table", "control_table.json"), join(directory, "control_table.json"));
    ok(orchc(["import", "control-table", "control_table.json", "-o", "imported.ts"], directory), "orchc import control-table");
    ok(orchc(["validate", "--types", "imported.ts"], directory), "orchc validate --types");

    ok(orchc(["build", "-t", "all", "--check"], directory), "orchc build --check");
    appendFileSync(join(directory, "dags", "daily.py"), "# edited by hand\n");
    const stale = orchc(["build", "-t", "all", "--check"], directory);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("ORC40");
  });

  it("validate, build -o and --check from a read-only copy, as a user who cannot write it", () => {
    const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find(existsSync);
    if (setpriv === undefined) {
      console.warn("[packed] read-only case not run: no setpriv to drop root");
      return;
    }
    const source = project(`readonly-src-${nodeVersion}`, { type: "module" });
    writeFileSync(join(source, "pipeline.ts"), PIPELINE);
    ok(orchc(["build", "-t", "airflow"], source), "orchc build before the copy");
    const copy = join(work, `readonly-${nodeVersion}`);
    cpSync(source, copy, { recursive: true, verbatimSymlinks: true });
    const out = join(work, `readonly-out-${nodeVersion}`);
    mkdirSync(out);
    chmodSync(out, 0o777);
    spawnSync("chmod", ["-R", "a-w", copy]);
    const before = run("find", [copy, "-path", join(copy, "node_modules"), "-prune", "-o", "-printf", "%p %s %T@ %m\\n"], work).stdout;
    const asNobody = (args: ReadonlyArray<string>) =>
      run(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", node, join(copy, "node_modules", "orchc", "bin", "orchc.js"), ...args], copy);
    ok(asNobody(["validate"]), "validate as nobody");
    ok(asNobody(["build", "-t", "airflow", "--check"]), "build --check as nobody");
    ok(asNobody(["build", "-t", "airflow", "-o", out]), "build -o as nobody");
    expect(existsSync(join(out, "dags", "daily.py"))).toBe(true);
    // Up to date, build writes nothing and succeeds; a target not built yet must write, and cannot.
    ok(asNobody(["build", "-t", "airflow"]), "an up-to-date build as nobody");
    const refused = asNobody(["build", "-t", "ir"]);
    expect(refused.status, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(/error ORC\d+/);
    expect(run("find", [copy, "-path", join(copy, "node_modules"), "-prune", "-o", "-printf", "%p %s %T@ %m\\n"], work).stdout).toBe(before);
  });

  it("the CI workflow orchc init writes passes actionlint and zizmor", () => {
    const directory = project(`ci-${nodeVersion}`, { type: "module" });
    ok(orchc(["init", "--target", "airflow,github-actions"], directory), "orchc init --target");
    const workflows = join(directory, ".github", "workflows");
    expect(existsSync(workflows), "orchc init --target writes the project's CI workflow").toBe(true);
    const missing = githubToolsMissingReason();
    if (missing !== null) {
      console.warn(`[packed] actionlint/zizmor not run: ${missing}`);
      return;
    }
    const files = readdirSync(workflows).map((name) => join(workflows, name));
    expect(runActionlint(files).findings).toEqual([]);
    expect(runZizmor(files).findings).toEqual([]);
    expect(runZizmor(files, { persona: "pedantic" }).findings).toEqual([]);
  });
});
