import { ITEM_ENV, outputEnvName, shellQuote, type RunValueName } from "@orchc/dsl";
import type { ActionNode, PipelineNode, TemplatePartNode, ValueNode } from "@orchc/compiler";
import { refusedBeforeWriting } from "./databricks-only.js";
import { paramEnvName, RUN_VALUE_ENV } from "./reference-env.js";

export type ShellAction = Extract<ActionNode, { kind: "shell" | "python" }>;

/** A task's command as bash text, and the params, secrets and run values it expands (to be put in its environment). */
export interface ShellScript {
  readonly text: string;
  readonly params: ReadonlyArray<string>;
  readonly secrets: ReadonlyArray<string>;
  readonly runValues: ReadonlyArray<RunValueName>;
  /** The outputs of other tasks it reads, each once. */
  readonly outputs: ReadonlyArray<{ readonly task: string; readonly name: string }>;
}

const isShellAction = (action: ActionNode): action is ShellAction => action.kind === "shell" || action.kind === "python";

export function shellScriptOf(pipeline: PipelineNode, action: ActionNode): ShellScript | null {
  if (!isShellAction(action)) return null;
  const params = new Set<string>();
  const secrets = new Set<string>();
  const runValues = new Set<RunValueName>();
  const outputs = new Map<string, { task: string; name: string }>();
  const secretEnv = new Map(pipeline.secrets.map((secret) => [secret.name, secret.env]));
  const expand = (part: TemplatePartNode): string => {
    if (part.kind === "text") return part.text;
    if (part.kind === "param") {
      params.add(part.name);
      return `"\${${paramEnvName(part.name)}}"`;
    }
    if (part.kind === "run") {
      runValues.add(part.name);
      return `"\${${RUN_VALUE_ENV[part.name]}}"`;
    }
    if (part.kind === "output") {
      outputs.set(outputEnvName(part.task, part.name), { task: part.task, name: part.name });
      return `"\${${outputEnvName(part.task, part.name)}}"`;
    }
    // Every target puts a for-each iteration's item in its environment, read or not.
    if (part.kind === "item") return `"\${${ITEM_ENV}}"`;
    if (part.kind === "databricks") return refusedBeforeWriting(part);
    secrets.add(part.name);
    return `"\${${secretEnv.get(part.name)}}"`;
  };
  /** In a shell command, text parts are shell code; elsewhere (an argument) they are data, quoted. */
  const render = (value: ValueNode, textIsCode: boolean): string => {
    switch (value.kind) {
      case "literal":
        return textIsCode ? String(value.value) : shellQuote(String(value.value));
      case "param":
      case "secret":
      case "run":
      case "output":
      case "item":
      case "databricks":
        return expand(value);
      case "template":
        return value.parts.map((part) => (part.kind === "text" && !textIsCode ? (part.text === "" ? "" : shellQuote(part.text)) : expand(part))).join("");
    }
  };
  const text =
    action.kind === "shell"
      ? render(action.command, true)
      : ["python3", shellQuote(action.script), ...action.args.map((arg) => render(arg, false))].join(" ");
  return { text, params: [...params], secrets: [...secrets], runValues: [...runValues], outputs: [...outputs.values()] };
}
