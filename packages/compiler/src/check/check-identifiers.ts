import type { PipelineSpec } from "@orchc/dsl";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { identifierProblem, portableIdFor, VARIABLE_NAME } from "./identifier-rules.js";

const upperSnake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();

/** The environment variable a secret is read from where the task runs. */
export const secretEnvName = (name: string, env: string | undefined): string => env ?? upperSnake(name);

/**
 * The prefix of every environment variable orchc itself sets where a task runs (`ORCHC_COMMAND`,
 * `ORCHC_PARAM_<name>`, `ORCHC_RUN_ID`, …, on every target). A task env or secret env under it
 * would replace orchc's own value: on GitHub, `ORCHC_COMMAND` is the command the step executes.
 * Compared ignoring case, as Windows compares environment names.
 */
export const RESERVED_ENV_PREFIX = "ORCHC_";

/**
 * Variables bash reads as it starts, before orchc's own script for the task has run a line: a file
 * it sources (`BASH_ENV`, `ENV`), options it turns on (`SHELLOPTS`, `BASHOPTS`), functions it
 * imports (`BASH_FUNC_*`), and where `cd` looks (`CDPATH`). Every target starts the task in bash
 * with its env, so a value given at trigger time there would become code.
 */
const SHELL_STARTUP_ENV = new Set(["BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "CDPATH"]);

/** Why orchc keeps an environment name for itself, or null. Compared ignoring case, as Windows compares them. */
function reservedEnvReason(name: string): string | null {
  const upper = name.toUpperCase();
  if (upper.startsWith(RESERVED_ENV_PREFIX)) return `names starting with \`${RESERVED_ENV_PREFIX}\` are reserved for the variables orchc sets itself (the command, params, run id)`;
  if (SHELL_STARTUP_ENV.has(upper) || upper.startsWith("BASH_FUNC_")) return "bash reads it as it starts the task, before orchc's own script runs, on every target";
  return null;
}

type Path = Array<string | number>;

/**
 * Names that may not differ only in case within one scope: GitHub compares inputs, job ids and
 * env names ignoring case, Windows compares environment names so, and files named after ids
 * collide on case-insensitive file systems.
 */
function caseScope(noun: string, owner: string, report: (diagnostic: Diagnostic) => void): { add(name: string, subject: Diagnostic["subject"]): void } {
  const seen = new Map<string, string>();
  return {
    add(name, subject) {
      const key = name.toLowerCase();
      const earlier = seen.get(key);
      if (earlier === undefined) seen.set(key, name);
      else if (earlier !== name) {
        report(
          error("ORC115", `${noun} \`${name}\` and \`${earlier}\`${owner} differ only in case`, {
            hint: "GitHub Actions, Windows and case-insensitive file systems read them as one name; rename one of them",
            subject,
          }),
        );
      }
    },
  };
}

/** Names that become shell variables, Jinja names, job parameters or resource keys. */
function checkNames(spec: PipelineSpec, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (diagnostic: Diagnostic) => diagnostics.push(diagnostic);
  const at = (path: Path, value: string, taskId?: string) => ({ file, pipelineId: spec.id, path, ...(taskId && { taskId }), value });
  const variable = (kind: string, name: string, path: Path, taskId?: string) => {
    if (VARIABLE_NAME.test(name)) return;
    diagnostics.push(
      error("ORC110", `${kind} name \`${name}\` may only hold letters, digits and \`_\`, and must not start with a digit`, {
        hint: `it becomes a shell variable and a template name on every target; try \`${name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^(?=[0-9])/, "_")}\``,
        subject: at(path, name, taskId),
      }),
    );
  };
  const portable = (kind: string, name: string, path: Path, taskId?: string) => {
    const problem = identifierProblem(name);
    if (problem) diagnostics.push(error("ORC110", `${kind} name \`${name}\` ${problem}`, { hint: `try \`${portableIdFor(name)}\``, subject: at(path, name, taskId) }));
  };
  const reserved = (kind: string, env: string, subject: Diagnostic["subject"]) => {
    const reason = reservedEnvReason(env);
    if (reason === null) return;
    diagnostics.push(
      error("ORC114", `${kind} \`${env}\`, but ${reason}`, {
        hint: env.toUpperCase().startsWith(RESERVED_ENV_PREFIX) ? `rename it; a name starting with \`${RESERVED_ENV_PREFIX}\` would replace orchc's own value on some target` : "set it inside the task's command instead, where the shell it affects is the command's own",
        subject,
      }),
    );
  };

  const params = caseScope("params", "", report);
  for (const name of Object.keys(spec.params ?? {})) {
    variable("param", name, ["params", name]);
    params.add(name, at(["params", name], name));
  }
  // Secrets are read from these names where the task runs; a task env may not reuse one.
  const secretsByEnv = new Map<string, { name: string; env: string }>();
  const secretNames = caseScope("secrets", "", report);
  for (const [name, secret] of Object.entries(spec.secrets ?? {})) {
    variable("secret", name, ["secrets", name]);
    secretNames.add(name, at(["secrets", name], name));
    const env = secretEnvName(name, secret.env);
    if (secret.env !== undefined) variable("secret environment variable", secret.env, ["secrets", name, "env"]);
    reserved(`secret \`${name}\` is read from environment variable`, env, at(secret.env === undefined ? ["secrets", name] : ["secrets", name, "env"], secret.env ?? name));
    const other = secretsByEnv.get(env.toUpperCase());
    if (other !== undefined) {
      diagnostics.push(
        error("ORC113", `secrets \`${other.name}\` and \`${name}\` are both read from environment variable \`${env}\`${other.env === env ? "" : ` (and \`${other.env}\`, ignoring case)`}`, {
          hint: "give one of them its own `env`",
          subject: at(["secrets", name], name),
        }),
      );
    } else {
      secretsByEnv.set(env.toUpperCase(), { name, env });
    }
  }
  for (const name of Object.keys(spec.compute ?? {})) portable("compute", name, ["compute", name]);
  for (const name of Object.keys(spec.environments ?? {})) portable("environment", name, ["environments", name]);
  for (const task of spec.tasks) {
    const envNames = caseScope("environment variables", ` of task \`${task.id}\``, report);
    for (const [name, value] of Object.entries(task.env ?? {})) {
      const subject = at(["env", name], name, task.id);
      variable("environment variable", name, ["env", name], task.id);
      envNames.add(name, subject);
      reserved(`task \`${task.id}\` sets environment variable`, name, subject);
      const secret = secretsByEnv.get(name.toUpperCase())?.name;
      // `.env({ API_TOKEN: s.apiToken })` restates the secret under its own name: one value, no clash.
      const restatesSecret = typeof value === "object" && "$secret" in value && value.$secret === secret && name === secretEnvName(secret, spec.secrets![secret]!.env);
      if (secret !== undefined && !restatesSecret) {
        diagnostics.push(
          error("ORC113", `task \`${task.id}\` sets environment variable \`${name}\`, which secret \`${secret}\` is read from`, {
            hint: `each target would give the task a different one of the two values; rename the variable, or give the secret another \`env\``,
            subject,
          }),
        );
      }
    }
    if (task.group !== undefined) portable("group", task.group, ["group"], task.id);
  }
  return diagnostics;
}

export function checkIdentifiers(spec: PipelineSpec, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = checkNames(spec, file);
  const pipelineProblem = identifierProblem(spec.id);
  if (pipelineProblem) {
    diagnostics.push(
      error("ORC110", `pipeline id \`${spec.id}\` ${pipelineProblem}`, {
        hint: `ids must be valid on every target; try \`${portableIdFor(spec.id)}\``,
        subject: { file, pipelineId: spec.id, value: spec.id },
      }),
    );
  }
  // Case-insensitive, because GitHub Actions job ids are.
  const seen = new Map<string, string>();
  for (const [index, task] of spec.tasks.entries()) {
    const problem = identifierProblem(task.id);
    if (problem) {
      diagnostics.push(
        error("ORC110", `task id \`${task.id}\` ${problem}`, {
          hint: `ids must be valid on every target; try \`${portableIdFor(task.id)}\``,
          subject: { file, pipelineId: spec.id, taskId: task.id },
        }),
      );
    }
    const key = task.id.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      diagnostics.push(
        error("ORC112", `task id \`${task.id}\` is declared twice in pipeline \`${spec.id}\`${earlier === task.id ? "" : ` (as \`${earlier}\` too; ids are compared ignoring case)`}`, {
          hint: "give each task its own id",
          // By position, so the report points at the repeated declaration, not the first.
          subject: { file, pipelineId: spec.id, path: ["tasks", index] },
        }),
      );
    } else {
      seen.set(key, task.id);
    }
  }
  return diagnostics;
}
