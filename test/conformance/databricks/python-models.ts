// Runs python-models.py in the venv scripts/provision-databricks-models.sh makes: Databricks' own
// Python models of a job (databricks-bundles, databricks-sdk) judging resources orchc generated.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BundleResource } from "./bundle-resources.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = resolve(here, "..", "..", "..");

/** The pins the provisioning script installs; the venv is named after the databricks-bundles one. */
const requirements = readFileSync(join(here, "python-models.requirements.txt"), "utf8");
export const modelVersions = Object.fromEntries([...requirements.matchAll(/^([\w-]+)==(\S+)$/gm)].map((match) => [match[1]!, match[2]!]));
export const modelsVenv = join(repoRoot, ".tools", `databricks-models-${modelVersions["databricks-bundles"]}`);

/** The venv's python, or null when it is not (completely) provisioned: the stamp is written last. */
export function modelsPython(): string | null {
  const python = join(modelsVenv, "bin", "python");
  return existsSync(python) && existsSync(join(modelsVenv, ".orchc-provision-stamp")) ? python : null;
}

export const modelsMissingReason = (): string => `Databricks Python models not provisioned at ${modelsVenv}: run \`scripts/provision-databricks-models.sh\``;

export interface ModelError {
  readonly model: string;
  readonly path: string;
  readonly message: string;
}

/** A field a model dropped or changed on its way through; got is {absent: true} when dropped. */
export interface ModelDifference {
  readonly model: string;
  readonly path: string;
  readonly sent: unknown;
  readonly got: unknown;
}

export interface ModelVerdict {
  readonly name: string;
  readonly errors: ReadonlyArray<ModelError>;
  readonly differences: ReadonlyArray<ModelDifference>;
}

/** One Python process for all resources: importing the two packages is most of its run time. */
export function judgeWithPythonModels(python: string, resources: ReadonlyArray<BundleResource>): Promise<ModelVerdict[]> {
  return new Promise((resolvePromise, reject) => {
    // -I: the venv's packages only, none from the developer's PYTHONPATH or user site.
    const child = spawn(python, ["-I", join(here, "python-models.py")], { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`python-models.py exited ${code}: ${Buffer.concat(stderr).toString()}`));
      else resolvePromise(JSON.parse(Buffer.concat(stdout).toString()) as ModelVerdict[]);
    });
    child.stdin.end(JSON.stringify(resources));
  });
}
