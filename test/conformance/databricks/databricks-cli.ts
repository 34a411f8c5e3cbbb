// Checks a Databricks bundle (databricks.yml + the files it includes) two ways: against the bundle
// JSON schema with Ajv, and with the real Databricks CLI's `bundle validate` against a loopback stub
// workspace (stub-workspace.ts). The CLI comes from scripts/provision-databricks-cli.sh.
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { parseDocument, parse as parseYaml } from "yaml";
import { type StubRequest, type StubWorkspace, startStubWorkspace } from "./stub-workspace.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = resolve(here, "..", "..", "..");

/** The CLI version the provisioning script builds; one file so the script and the tests agree. */
export const databricksCliVersion: string = (
  process.env.DATABRICKS_CLI_VERSION ?? readFileSync(join(here, "databricks-cli.version"), "utf8")
)
  .trim()
  .replace(/^v/, "");

export const databricksCliDir = join(repoRoot, ".tools", `databricks-cli-${databricksCliVersion}`);

/** shared/ sits beside the work tree, on developers' machines and in CI alike. */
export const sharedBundleSchema = resolve(repoRoot, "..", "shared", "schemas", "databricks-bundle.schema.json");

/**
 * The provisioned binary, or null. The stamp is written only after a complete build, so a
 * half-built folder counts as missing.
 */
export function databricksCli(): string | null {
  const binary = join(databricksCliDir, "databricks");
  return existsSync(binary) && existsSync(join(databricksCliDir, ".orchc-provision-stamp")) ? binary : null;
}

/** Why databricksCli() is null, as a line to print beside a skipped suite. */
export function databricksCliMissingReason(): string {
  return `Databricks CLI ${databricksCliVersion} not provisioned at ${databricksCliDir}: run \`scripts/provision-databricks-cli.sh\``;
}

/**
 * The schema to check with: the one the provisioned CLI printed (`databricks bundle schema`) when
 * there is one, else the copy in shared/schemas. Null when neither exists.
 */
export function bundleSchemaFile(): { path: string; source: "cli" | "shared" } | null {
  const printed = join(databricksCliDir, "bundle-schema.json");
  if (databricksCli() !== null && existsSync(printed)) return { path: printed, source: "cli" };
  if (existsSync(sharedBundleSchema)) return { path: sharedBundleSchema, source: "shared" };
  return null;
}

const compiled = new Map<string, ValidateFunction>();

function schemaValidator(path: string): ValidateFunction {
  let validate = compiled.get(path);
  if (validate === undefined) {
    const ajv = new Ajv2020({
      allErrors: true,
      // The patterns use \p{L} / \p{N}, which only mean something with the `u` flag.
      unicodeRegExp: true,
      // The CLI's schema carries editor annotations (markdownDescription, doNotSuggest,
      // deprecationMessage, x-databricks-*) that strict mode would reject as unknown keywords.
      strict: false,
      // parentSchema on each error, to tell the `${...}` alternative of a oneOf from the real one.
      verbose: true,
    });
    // No $schema in the file; it uses $defs and was checked as 2020-12 by the reference sheet.
    validate = ajv.compile(JSON.parse(readFileSync(path, "utf8")) as object);
    compiled.set(path, validate);
  }
  return validate;
}

/**
 * Every file of the bundle in bundleDir: databricks.yml first, then each file its `include` globs
 * match (relative to the bundle root, as the CLI resolves them).
 */
export function bundleFiles(bundleDir: string): string[] {
  const root = resolve(bundleDir);
  const main = join(root, "databricks.yml");
  const config = parseYaml(readFileSync(main, "utf8")) as { include?: unknown } | null;
  const includes = Array.isArray(config?.include)
    ? config.include.filter((x): x is string => typeof x === "string")
    : [];
  const files = new Set<string>();
  for (const pattern of includes) {
    for (const match of goGlob(root, pattern)) files.add(match);
  }
  files.delete(main);
  return [main, ...files];
}

/**
 * Go's filepath.Glob, which the CLI uses for `include`: `*`, `?` and `[...]` within one path
 * segment, no `**`. (Node 20, this project's floor, has no fs.globSync.)
 */
function goGlob(root: string, pattern: string): string[] {
  let matches = [root];
  for (const segment of pattern.split("/").filter((part) => part !== "" && part !== ".")) {
    const next: string[] = [];
    for (const dir of matches) {
      if (!/[*?[\\]/.test(segment)) {
        if (existsSync(join(dir, segment))) next.push(join(dir, segment));
      } else if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true) {
        const regExp = globSegmentRegExp(segment);
        for (const name of readdirSync(dir).sort()) if (regExp.test(name)) next.push(join(dir, name));
      }
    }
    matches = next;
  }
  return matches.filter((path) => statSync(path).isFile());
}

function globSegmentRegExp(segment: string): RegExp {
  let source = "";
  let inClass = false;
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i] as string;
    if (char === "\\" && i + 1 < segment.length) {
      source += `\\${segment[++i]}`;
    } else if (inClass) {
      if (char === "]") inClass = false;
      source += char === "^" ? "\\^" : char;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else if (char === "[") {
      inClass = true;
      source += "[";
      if (segment[i + 1] === "^" || segment[i + 1] === "!") {
        source += "^";
        i++;
      }
    } else {
      source += char.replace(/[.+^${}()|\]\\/]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * Schema errors of every file of the bundle, as "<file>: <path> <message>" lines; empty when all
 * files are valid. Each file is checked against the whole schema on its own, which is how the CLI
 * treats included files (they are merged key by key into one configuration, and the root schema
 * requires no key).
 */
export function validateAgainstSchema(bundleDir: string): string[] {
  const schema = bundleSchemaFile();
  if (schema === null)
    throw new Error(`no bundle schema: neither ${databricksCliDir}/bundle-schema.json nor ${sharedBundleSchema}`);
  const validate = schemaValidator(schema.path);
  const root = resolve(bundleDir);
  const problems: string[] = [];
  for (const file of bundleFiles(root)) {
    const name = relative(root, file);
    let document: unknown;
    try {
      document = parseYaml(readFileSync(file, "utf8"));
    } catch (error) {
      problems.push(`${name}: not YAML: ${(error as Error).message}`);
      continue;
    }
    if (validate(document ?? {})) continue;
    for (const error of relevantErrors(validate.errors ?? [])) problems.push(`${name}: ${describeError(error)}`);
  }
  return problems;
}

/**
 * Nearly every value in the schema is `oneOf: [<the real type>, <a ${...} reference string>]`, so
 * one typo makes Ajv report the real failure plus "must be string" / "must match pattern" from the
 * reference alternative plus "must match exactly one schema in oneOf" on the value and all its
 * ancestors. Only the real failures are kept.
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const isReferenceAlternative = (error: ErrorObject) => {
    const parent = error.parentSchema as { type?: unknown; pattern?: unknown } | undefined;
    return parent?.type === "string" && typeof parent.pattern === "string" && parent.pattern.startsWith("\\$\\{");
  };
  const kept = errors.filter(
    (error) => error.keyword !== "oneOf" && error.keyword !== "anyOf" && !isReferenceAlternative(error),
  );
  const seen = new Set<string>();
  return kept.filter((error) => {
    const key = `${error.instancePath} ${describeError(error)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeError(error: ErrorObject): string {
  const at = error.instancePath === "" ? "(root)" : error.instancePath;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") return `${at} has unknown key "${String(params.additionalProperty)}"`;
  if (error.keyword === "enum")
    return `${at} ${error.message ?? "is not allowed"}: ${JSON.stringify(params.allowedValues)}`;
  return `${at} ${error.message ?? error.keyword}`;
}

export interface BundleValidateResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed: the resolved bundle configuration; null when stdout was not JSON. */
  readonly json: BundleJson | null;
  /** What the CLI asked the stub workspace, in order. */
  readonly requests: readonly StubRequest[];
  /** Requests the stub had no handler for (answered 404). */
  readonly unhandled: readonly StubRequest[];
  /** Requests without the stub's token: a sign the CLI picked up credentials from elsewhere. */
  readonly unauthenticated: readonly StubRequest[];
}

/** The parts of `bundle validate --output json` the tests read; the rest stays unknown. */
export interface BundleJson {
  bundle?: { name?: string; target?: string; mode?: string; [key: string]: unknown };
  workspace?: { current_user?: { userName?: string; short_name?: string }; root_path?: string; [key: string]: unknown };
  resources?: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
}

export interface BundleValidateOptions {
  /** Reuse a running stub (its request log then spans calls); default: a fresh one per call. */
  readonly stub?: StubWorkspace;
  /** `--var name=value` pairs. */
  readonly vars?: Readonly<Record<string, string>>;
  /**
   * Leave `workspace.host` (top level and per target) in databricks.yml as written. By default the
   * copy loses it: a host in the bundle wins over DATABRICKS_HOST, so the CLI would go for the real
   * workspace instead of the stub.
   */
  readonly keepWorkspaceHost?: boolean;
  readonly timeoutMs?: number;
}

/**
 * `databricks bundle validate -t <target> --output json` on a copy of bundleDir, against the stub
 * workspace. The copy keeps the CLI's `.databricks/` cache out of the source tree and puts the
 * bundle outside any git checkout, so git-derived settings do not depend on where the repo lives.
 */
export async function bundleValidate(
  bundleDir: string,
  target: string,
  options: BundleValidateOptions = {},
): Promise<BundleValidateResult> {
  const cli = databricksCli();
  if (cli === null) throw new Error(databricksCliMissingReason());
  const stub = options.stub ?? (await startStubWorkspace());
  const before = {
    requests: stub.requests.length,
    unhandled: stub.unhandled.length,
    unauthenticated: stub.unauthenticated.length,
  };
  const scratch = mkdtempSync(join(tmpdir(), "orchc-databricks-"));
  try {
    const work = join(scratch, "bundle");
    cpSync(resolve(bundleDir), work, {
      recursive: true,
      filter: (source) => !/[\\/]\.databricks(?:[\\/]|$)/.test(source),
    });
    if (options.keepWorkspaceHost !== true) dropWorkspaceHosts(join(work, "databricks.yml"));
    const home = join(scratch, "home");
    mkdirSync(home);
    const args = ["bundle", "validate", "--target", target, "--output", "json"];
    for (const [name, value] of Object.entries(options.vars ?? {})) args.push(`--var=${name}=${value}`);
    const result = await run(cli, args, work, hermeticCliEnv(stub, home), options.timeoutMs ?? 120_000);
    let json: BundleJson | null = null;
    try {
      json = JSON.parse(result.stdout) as BundleJson;
    } catch {
      json = null;
    }
    return {
      ...result,
      json,
      requests: stub.requests.slice(before.requests),
      unhandled: stub.unhandled.slice(before.unhandled),
      unauthenticated: stub.unauthenticated.slice(before.unauthenticated),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    if (options.stub === undefined) await stub.close();
  }
}

/** Removes workspace.host and targets.*.workspace.host, keeping the rest of the file (and its comments). */
function dropWorkspaceHosts(file: string): void {
  const document = parseDocument(readFileSync(file, "utf8"));
  const targets = (document.toJS() as { targets?: Record<string, unknown> } | null)?.targets ?? {};
  const paths = [["workspace", "host"], ...Object.keys(targets).map((name) => ["targets", name, "workspace", "host"])];
  let changed = false;
  for (const path of paths) if (document.hasIn(path)) changed = document.deleteIn(path) || changed;
  if (changed) writeFileSync(file, document.toString());
}

/**
 * Only what the CLI needs, nothing of the developer's own DATABRICKS_* settings or profiles: the
 * stub's host and token, a throwaway HOME (so no ~/.databrickscfg), and every phone-home switched
 * off. Any non-loopback request goes to a closed local port and fails at once instead of leaving
 * the machine.
 */
export function hermeticCliEnv(stub: StubWorkspace, home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_CONFIG_HOME: join(home, ".config"),
    TMPDIR: tmpdir(),
    DATABRICKS_HOST: stub.url,
    DATABRICKS_TOKEN: stub.token,
    // PAT only: without it the SDK tries every other credential source in turn (Azure CLI, GCP,
    // metadata services), some of which run programs or reach the network.
    DATABRICKS_AUTH_TYPE: "pat",
    DATABRICKS_CONFIG_FILE: join(home, ".databrickscfg"),
    DATABRICKS_CACHE_ENABLED: "false",
    DATABRICKS_CACHE_DIR: join(home, ".cache", "databricks"),
    DATABRICKS_CLI_DISABLE_TELEMETRY: "1",
    DATABRICKS_CLI_DISABLE_UPDATE_CHECK: "true",
    // Terraform's own update check, should an engine step start it.
    CHECKPOINT_DISABLE: "1",
    HTTP_PROXY: "http://127.0.0.1:9",
    HTTPS_PROXY: "http://127.0.0.1:9",
    NO_PROXY: "127.0.0.1,localhost",
    NO_COLOR: "1",
    TERM: "dumb",
    LC_ALL: "C",
  };
}

interface ProcessResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  file: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolvePromise({
        status,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

/** The job as the CLI resolved it; throws with the whole output when it is missing. */
export function resolvedJob(result: BundleValidateResult, key: string): Record<string, unknown> {
  const job = result.json?.resources?.jobs?.[key];
  if (job === undefined) {
    throw new Error(
      `bundle validate output has no resources.jobs.${key}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`,
    );
  }
  return job;
}
