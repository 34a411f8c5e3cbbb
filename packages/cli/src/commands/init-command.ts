import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ciWorkflow, CI_WORKFLOW_PATH } from "../init/ci-workflow.js";
import { initTargets } from "../init/init-targets.js";
import { initializedManifest, manifestText, newManifest, parseManifest } from "../init/project-manifest.js";
import { gitignoreWithRunStore } from "../init/run-store-gitignore.js";
import { pipelineSource, TSCONFIG } from "../init/scaffold-files.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { ORCHC_VERSION } from "../version.js";

export interface InitOptions {
  readonly target?: string[];
}

const readIfExists = (path: string): string | null => (existsSync(path) ? readFileSync(path, "utf8") : null);

/**
 * Sets a project up for the loop `edit pipeline.ts → build → commit → CI checks`: pipeline.ts,
 * tsconfig.json, package.json scripts and devDependencies, .orchc/ in .gitignore, and a CI workflow.
 * Never overwrites a file; an existing pipeline.ts means the project is set up, and nothing changes.
 * Everything is decided before the first write, so a refusal leaves the folder as it was.
 */
export async function initCommand(directory: string, options: InitOptions = {}): Promise<number> {
  const root = resolve(directory);
  const pipelinePath = join(root, "pipeline.ts");
  if (existsSync(pipelinePath)) {
    process.stderr.write(`orchc: ${pipelinePath} already exists; nothing was changed\n`);
    return 1;
  }
  const { targets, diagnostics } = initTargets(options.target);
  const manifestPath = join(root, "package.json");
  const manifestBefore = readIfExists(manifestPath);
  const parsed = manifestBefore === null ? { manifest: newManifest(basename(root)) } : parseManifest(manifestPath, manifestBefore);
  if ("diagnostic" in parsed || diagnostics.length > 0) {
    await reportDiagnostics([...diagnostics, ...("diagnostic" in parsed ? [parsed.diagnostic] : [])], { json: false });
    return 1;
  }

  const { manifest, added } = initializedManifest(parsed.manifest, targets, `^${ORCHC_VERSION}`);
  const gitignoreBefore = readIfExists(join(root, ".gitignore"));
  const gitignore = gitignoreWithRunStore(gitignoreBefore);
  const newFiles = { "pipeline.ts": pipelineSource(targets), "tsconfig.json": `${JSON.stringify(TSCONFIG, null, 2)}\n`, [CI_WORKFLOW_PATH]: ciWorkflow(targets) };
  const created: string[] = [];
  const notes: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  for (const [name, text] of Object.entries(newFiles)) {
    if (existsSync(join(root, name))) {
      notes.push(`orchc: kept the existing ${name} (init never overwrites a file)`);
      continue;
    }
    write(name, text);
    created.push(name);
  }
  if (manifestBefore === null) created.push("package.json");
  else if (added.length > 0) notes.push(`orchc: package.json: added ${added.join(", ")}`);
  if (manifestBefore === null || added.length > 0) write("package.json", manifestText(manifest, manifestBefore));
  if (gitignore !== null) {
    write(".gitignore", gitignore);
    if (gitignoreBefore === null) created.push(".gitignore");
    else notes.push("orchc: .gitignore: added .orchc/ (the local run store)");
  }
  const lines = [
    `orchc: created ${created.join(", ")} in ${root}`,
    ...notes,
    "next: npm install && npm run typecheck && npm run build, then commit, package-lock.json too (CI runs npm ci)",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
