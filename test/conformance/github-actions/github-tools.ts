// Lints GitHub Actions workflows with the real tools: actionlint (which runs shellcheck on `run:`
// scripts) and zizmor (security audits). All three come from scripts/provision-github-tools.sh.
//
// Both tools are run hermetically: a fixed config (or none), a minimal environment, and no network,
// so the findings depend on the files and the pinned versions only, not on who runs the suite.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = resolve(here, "..", "..", "..");

function versionOf(tool: string): string {
  const line = readFileSync(join(here, "github-tools.versions"), "utf8")
    .split("\n")
    .map((text) => text.trim().split(/\s+/))
    .find(([name]) => name === tool);
  if (line?.[1] === undefined) throw new Error(`github-tools.versions has no ${tool} line`);
  return line[1];
}

/** What scripts/provision-github-tools.sh installs; one file so the script and the tests agree. */
export const githubToolVersions = { actionlint: versionOf("actionlint"), zizmor: versionOf("zizmor") } as const;

export const actionlintDir = join(repoRoot, ".tools", `actionlint-${githubToolVersions.actionlint}`);
export const zizmorVenv = join(repoRoot, ".tools", `zizmor-${githubToolVersions.zizmor}`);

/** Passed with -config-file so no .github/actionlint.yaml found by actionlint's project lookup applies. */
const actionlintConfig = join(here, "actionlint.yaml");

/** The stamp is written only after a verified install, so a half-built folder counts as missing. */
function provisioned(dir: string, binary: string): string | null {
  return existsSync(binary) && existsSync(join(dir, ".orchc-provision-stamp")) ? binary : null;
}

export function actionlintBinary(): string | null {
  return provisioned(actionlintDir, join(actionlintDir, "actionlint"));
}

export function zizmorBinary(): string | null {
  return provisioned(zizmorVenv, join(zizmorVenv, "bin", "zizmor"));
}

/**
 * shellcheck as found on PATH (the provisioning script installs Debian's), as an absolute path.
 * actionlint gets that path explicitly: left to its own lookup, a missing shellcheck makes it skip
 * every `run:` script without a word and exit 0.
 */
export function shellcheckBinary(): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, "shellcheck");
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Absent or not executable here; a later PATH entry may still have one, as for a shell lookup.
    }
  }
  return null;
}

/** Why a tool is unavailable, as a line to print beside a skipped suite; null when all three are there. */
export function githubToolsMissingReason(): string | null {
  const missing = [
    actionlintBinary() === null ? `actionlint ${githubToolVersions.actionlint} (${actionlintDir})` : null,
    shellcheckBinary() === null ? "shellcheck (on PATH)" : null,
    zizmorBinary() === null ? `zizmor ${githubToolVersions.zizmor} (${zizmorVenv})` : null,
  ].filter((entry) => entry !== null);
  return missing.length === 0
    ? null
    : `not provisioned: ${missing.join(", ")}: run \`scripts/provision-github-tools.sh\``;
}

/** The version each tool reports, for the suite's log. */
export function githubToolsDescription(): string {
  const firstLine = (binary: string | null, args: string[]) =>
    binary === null ? "missing" : (spawnSync(binary, args, { encoding: "utf8" }).stdout.split("\n")[0] ?? "").trim();
  const shellcheck = shellcheckBinary();
  const shellcheckVersion =
    shellcheck === null
      ? "missing"
      : (/^version: (.+)$/m.exec(spawnSync(shellcheck, ["--version"], { encoding: "utf8" }).stdout)?.[1] ?? "unknown");
  return [
    `actionlint ${firstLine(actionlintBinary(), ["-version"])}`,
    `shellcheck ${shellcheckVersion} (${shellcheck ?? "not on PATH"})`,
    `zizmor ${firstLine(zizmorBinary(), ["--version"]).replace(/^zizmor /, "")}`,
  ].join(", ");
}

/**
 * Only PATH and HOME from the caller. Dropped on purpose: SHELLCHECK_OPTS (shellcheck reads extra
 * flags from it even under actionlint's --norc), ZIZMOR_CONFIG and the GH_TOKEN family (zizmor
 * reads them), RUST_BACKTRACE (buries zizmor's error message under a stack trace).
 */
function lintEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/nonexistent",
    NO_COLOR: "1",
  };
}

export interface LintResult<D> {
  /** The tool's exit status: actionlint 0 clean / 1 findings; zizmor 0 clean / 11-14 highest severity. */
  readonly status: number;
  /**
   * One line per finding, in the tool's order: "<file>:<line>:<col>: <message> [<rule>]" for
   * actionlint, "... [<rule>, <severity>]" for zizmor.
   */
  readonly findings: string[];
  readonly diagnostics: D[];
  readonly stderr: string;
}

export interface ActionlintDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** actionlint's "kind": syntax-check, expression, shellcheck, job-needs, events, ... */
  readonly rule: string;
  readonly message: string;
}

/**
 * actionlint on the given workflow files, with shellcheck on `run:` scripts. Throws when actionlint
 * or shellcheck is missing, when actionlint fails as a program (status 2 or 3), or when it
 * reports having switched shellcheck off anyway.
 */
/** `configFile`: a repository's own .github/actionlint.yaml (an example's runner labels); default: the suite's empty one. */
export function runActionlint(files: string[], options: { timeoutMs?: number; configFile?: string } = {}): LintResult<ActionlintDiagnostic> {
  const binary = actionlintBinary();
  const shellcheck = shellcheckBinary();
  if (binary === null || shellcheck === null) throw new Error(githubToolsMissingReason() ?? "unreachable");
  if (files.length === 0)
    throw new Error("runActionlint: no files given (actionlint would go looking for a repository)");
  const args = [
    "-format",
    "{{json .}}",
    "-no-color",
    // For the "Rule shellcheck was disabled" line below; it goes to stderr, findings to stdout.
    "-verbose",
    "-config-file",
    options.configFile ?? actionlintConfig,
    "-shellcheck",
    shellcheck,
    // Not provisioned, so whether `shell: python` steps got checked would depend on the machine.
    "-pyflakes=",
    ...files,
  ];
  const result = spawnSync(binary, args, {
    cwd: repoRoot,
    env: lintEnv(),
    encoding: "utf8",
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const transcript = () =>
    `actionlint ${args.join(" ")}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
  if (result.error !== undefined) throw new Error(`actionlint did not run: ${result.error.message}\n${transcript()}`);
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`actionlint failed (status ${result.status})\n${transcript()}`);
  if (/Rule "shellcheck" was disabled/.test(result.stderr)) {
    throw new Error(`actionlint switched shellcheck off, so run: scripts went unchecked\n${transcript()}`);
  }
  let raw: {
    filepath: string;
    line: number;
    column: number;
    kind: string;
    message: string;
  }[];
  try {
    raw = JSON.parse(result.stdout.trim() === "" ? "[]" : result.stdout) as typeof raw;
  } catch {
    throw new Error(`actionlint output is not JSON\n${transcript()}`);
  }
  const diagnostics = raw.map((d) => ({
    file: d.filepath,
    line: d.line,
    column: d.column,
    rule: d.kind,
    message: d.message,
  }));
  return {
    status: result.status,
    findings: diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message} [${d.rule}]`),
    diagnostics,
    stderr: result.stderr,
  };
}

export type ZizmorPersona = "regular" | "pedantic" | "auditor";

export interface ZizmorDiagnostic {
  readonly file: string;
  /** Of the finding's primary location. */
  readonly line: number;
  readonly column: number;
  /** The audit's id: template-injection, unpinned-uses, excessive-permissions, artipacked, ... */
  readonly rule: string;
  readonly severity: "Informational" | "Low" | "Medium" | "High" | "Unknown";
  readonly confidence: "Low" | "Medium" | "High" | "Unknown";
  /** The least strict persona that shows the finding. */
  readonly persona: "Regular" | "Pedantic" | "Auditor";
  readonly message: string;
}

export interface ZizmorOptions {
  /** Default "regular", zizmor's own default, given explicitly so a future default cannot move it. */
  readonly persona?: ZizmorPersona;
  /**
   * Honour `# zizmor: ignore[...]` comments in the files. Off by default: a generated workflow
   * that silences its own findings must say so in the test that checks it.
   */
  readonly honorIgnores?: boolean;
  readonly timeoutMs?: number;
}

interface ZizmorJsonFinding {
  ident: string;
  desc: string;
  determinations: { confidence: string; severity: string; persona: string };
  locations: {
    symbolic: { key: { Local?: { verbatim_path: string } }; annotation: string; kind: string };
    concrete: { location: { start_point: { row: number; column: number } } };
  }[];
}

/**
 * zizmor on the given workflow files or folders, offline (the audits that need the GitHub API,
 * such as impostor-commit and known-vulnerable-actions, do not run), with no configuration file.
 * Throws when zizmor is missing or fails as a program, which includes any input that is not a valid
 * workflow: without --strict-collection zizmor would skip such a file with a log line and report
 * "no findings".
 */
export function runZizmor(paths: string[], options: ZizmorOptions = {}): LintResult<ZizmorDiagnostic> {
  const binary = zizmorBinary();
  if (binary === null) throw new Error(githubToolsMissingReason() ?? "unreachable");
  if (paths.length === 0) throw new Error("runZizmor: no paths given");
  const args = [
    "--offline",
    "--no-config",
    "--strict-collection",
    `--persona=${options.persona ?? "regular"}`,
    ...(options.honorIgnores === true ? [] : ["--no-ignores"]),
    // json-v1 rather than json: "json" is documented as whatever the current version is.
    "--format=json-v1",
    "--color=never",
    "--no-progress",
    ...paths,
  ];
  const result = spawnSync(binary, args, {
    cwd: repoRoot,
    env: lintEnv(),
    encoding: "utf8",
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const transcript = () =>
    `zizmor ${args.join(" ")}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
  if (result.error !== undefined) throw new Error(`zizmor did not run: ${result.error.message}\n${transcript()}`);
  // 0: nothing found; 10-14: findings, the code naming the highest severity. Anything else is a failure.
  if (result.status === null || !(result.status === 0 || (result.status >= 10 && result.status <= 14))) {
    throw new Error(`zizmor failed (status ${result.status})\n${transcript()}`);
  }
  let raw: ZizmorJsonFinding[];
  try {
    raw = JSON.parse(result.stdout) as ZizmorJsonFinding[];
  } catch {
    throw new Error(`zizmor output is not JSON\n${transcript()}`);
  }
  const diagnostics = raw.map((finding): ZizmorDiagnostic => {
    const primary = finding.locations.find((l) => l.symbolic.kind === "Primary") ?? finding.locations[0];
    const start = primary?.concrete.location.start_point;
    return {
      file: primary?.symbolic.key.Local?.verbatim_path ?? "?",
      line: (start?.row ?? -1) + 1,
      column: (start?.column ?? -1) + 1,
      rule: finding.ident,
      severity: finding.determinations.severity as ZizmorDiagnostic["severity"],
      confidence: finding.determinations.confidence as ZizmorDiagnostic["confidence"],
      persona: finding.determinations.persona as ZizmorDiagnostic["persona"],
      message: `${finding.desc}: ${primary?.symbolic.annotation ?? ""}`,
    };
  });
  return {
    status: result.status,
    findings: diagnostics.map(
      (d) => `${d.file}:${d.line}:${d.column}: ${d.message} [${d.rule}, ${d.severity.toLowerCase()}]`,
    ),
    diagnostics,
    stderr: result.stderr,
  };
}
