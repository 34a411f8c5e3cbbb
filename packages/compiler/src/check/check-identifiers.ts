import type { PipelineSpec } from "@orchc/dsl";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { identifierProblem, portableIdFor, VARIABLE_NAME } from "./identifier-rules.js";

const upperSnake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();

/** The environment variable a secret is read from where the task runs. */
export const secretEnvName = (name: string, env: string | undefined): string => env ?? upperSnake(name);

/** Names that become shell variables, Jinja names, job parameters or resource keys. */
function checkNames(spec: PipelineSpec, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const variable = (kind: string, name: string, path: Array<string | number>, taskId?: string) => {
    if (VARIABLE_NAME.test(name)) return;
    diagnostics.push(
      error("ORC110", `${kind} name \`${name}\` may only hold letters, digits and \`_\`, and must not start with a digit`, {
        hint: `it becomes a shell variable and a template name on every target; try \`${name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^(?=[0-9])/, "_")}\``,
        subject: { file, pipelineId: spec.id, path, ...(taskId && { taskId }), value: name },
      }),
    );
  };
  const portable = (kind: string, name: string, path: Array<string | number>, taskId?: string) => {
    const problem = identifierProblem(name);
    if (problem) diagnostics.push(error("ORC110", `${kind} name \`${name}\` ${problem}`, { hint: `try \`${portableIdFor(name)}\``, subject: { file, pipelineId: spec.id, path, ...(taskId && { taskId }), value: name } }));
  };
  for (const name of Object.keys(spec.params ?? {})) variable("param", name, ["params", name]);
  const secretsByEnv = new Map<string, string>();
  for (const [name, secret] of Object.entries(spec.secrets ?? {})) {
    variable("secret", name, ["secrets", name]);
    const env = secretEnvName(name, secret.env);
    if (secret.env !== undefined) variable("secret environment variable", secret.env, ["secrets", name, "env"]);
    const other = secretsByEnv.get(env);
    if (other !== undefined) {
      diagnostics.push(
        error("ORC113", `secrets \`${other}\` and \`${name}\` are both read from environment variable \`${env}\``, {
          hint: "give one of them its own `env`",
          subject: { file, pipelineId: spec.id, path: ["secrets", name], value: name },
        }),
      );
    }
    secretsByEnv.set(env, name);
  }
  for (const name of Object.keys(spec.compute ?? {})) portable("compute", name, ["compute", name]);
  for (const name of Object.keys(spec.environments ?? {})) portable("environment", name, ["environments", name]);
  for (const task of spec.tasks) {
    for (const name of Object.keys(task.env ?? {})) variable("environment variable", name, ["env", name], task.id);
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
