import type { PipelineNode, RunValueNode, ValueNode } from "@orchc/compiler";
import { refusedBeforeWriting } from "../shared/databricks-only.js";
import { ITEM_EXPRESSION, outputExpression, RUN_VALUE_EXPRESSIONS } from "./jinja.js";
import type { AirflowOptions } from "./airflow-options.js";
import { call, dict, list, str, type Py } from "./python-source.js";

/** The module-level helper that reads a task's secrets in its own process (see `secretEnvHook`). */
export const SECRET_ENV_HELPER = "orchc_secret_env";

/**
 * Secrets never pass through a templated field: Airflow stores every rendered field
 * (rendered_task_instance_fields, shown in the UI) and masks a Variable there only when its key
 * sounds secret. Instead the task's `pre_execute` hook, which runs after rendering and just
 * before the command, reads each Variable (or the secrets backend behind Variables), registers
 * the value with Airflow's secret masker (so task logs show `***`), and adds the variable to the
 * task's environment. Params mixed into such a value are read from the run's params, booleans as
 * true/false as on every target; run values, outputs and a for-each item are rendered from the same
 * expressions as anywhere else.
 */
export function secretEnvHelperSource(): string {
  return `def ${SECRET_ENV_HELPER}(env):
    def read_secrets(context):
        params = context["params"]
        task = context["task"]
        values = {}
        for name, parts in env.items():
            text = ""
            for kind, value in parts:
                if kind == "secret":
                    secret = Variable.get(value)
                    mask_secret(secret)
                    text += secret
                elif kind == "flag":
                    text += "true" if params[value] else "false"
                elif kind == "param":
                    text += str(params[value])
                elif kind == "expression":
                    text += task.render_template(value, context)
                else:
                    text += value
            values[name] = text
        task.env = {**(task.env or {}), **values}

    return read_secrets`;
}

/** The imports the helper needs, by Airflow major: [module, name]. */
export const secretEnvImports = (airflowVersion: AirflowOptions["airflowVersion"]): ReadonlyArray<readonly [string, string]> =>
  airflowVersion === 3
    ? [["airflow.sdk", "Variable"], ["airflow.sdk.log", "mask_secret"]]
    : [["airflow.models", "Variable"], ["airflow.utils.log.secrets_masker", "mask_secret"]];

/** One environment variable's value as the helper composes it: text, params, run values, outputs and the item (their expressions) and secrets (by Variable key). */
export function secretEnvParts(pipeline: PipelineNode, value: ValueNode): Py {
  const param = (name: string) => list([str(pipeline.params.find((candidate) => candidate.name === name)?.type === "boolean" ? "flag" : "param"), str(name)]);
  const secret = (name: string) => list([str("secret"), str(pipeline.secrets.find((candidate) => candidate.name === name)!.key)]);
  const expression = (text: string) => list([str("expression"), str(text)]);
  const run = (name: RunValueNode["name"]) => expression(RUN_VALUE_EXPRESSIONS[name]);
  const output = (task: string, name: string) => expression(outputExpression(pipeline, task, name));
  switch (value.kind) {
    case "literal":
      return list([list([str("text"), str(String(value.value))])]);
    case "param":
      return list([param(value.name)]);
    case "secret":
      return list([secret(value.name)]);
    case "template":
      return list(value.parts.filter((part) => part.kind !== "text" || part.text !== "").map((part) => (part.kind === "text" ? list([str("text"), str(part.text)]) : part.kind === "param" ? param(part.name) : part.kind === "run" ? run(part.name) : part.kind === "output" ? output(part.task, part.name) : part.kind === "databricks" ? refusedBeforeWriting(part) : part.kind === "item" ? expression(ITEM_EXPRESSION) : secret(part.name))));
    case "run":
      return list([run(value.name)]);
    case "output":
      return list([output(value.task, value.name)]);
    case "databricks":
      return refusedBeforeWriting(value);
    case "item":
      return list([expression(ITEM_EXPRESSION)]);
  }
}

/** `pre_execute=orchc_secret_env({...})` for the variables that carry secrets. */
export const secretEnvHook = (variables: ReadonlyArray<readonly [string, Py]>): Py => call(SECRET_ENV_HELPER, [[null, dict(variables)]]);

export const usesSecretEnv = (statements: ReadonlyArray<string>): boolean => statements.some((text) => text.includes(`pre_execute=${SECRET_ENV_HELPER}(`));
