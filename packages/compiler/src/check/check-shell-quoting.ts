import type { PipelineSpec } from "@orchc/dsl";
import { warning, type Diagnostic } from "../diagnostics/diagnostic.js";

type Quoting = "none" | "single" | "double" | "ansi";

/**
 * The quoting bash is in after reading `text` from `state`: enough to tell whether an
 * interpolation that follows lands inside single quotes (`'…'` or `$'…'`), where bash expands nothing.
 */
export function quotingAfter(text: string, state: Quoting): Quoting {
  let quoting = state;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    switch (quoting) {
      case "single":
        if (char === "'") quoting = "none";
        break;
      case "ansi":
        if (char === "\\") index++;
        else if (char === "'") quoting = "none";
        break;
      case "double":
        if (char === "\\") index++;
        else if (char === '"') quoting = "none";
        break;
      case "none":
        if (char === "\\") index++;
        else if (char === "'") quoting = "single";
        else if (char === '"') quoting = "double";
        else if (char === "$" && text[index + 1] === "'") {
          quoting = "ansi";
          index++;
        } else if (char === "#" && (index === 0 ? state === "none" : /[\s;&|()]/.test(text[index - 1]!))) {
          // A comment: nothing up to the line's end is quoting.
          const end = text.indexOf("\n", index);
          index = end < 0 ? text.length : end;
        }
        break;
    }
  }
  return quoting;
}

/**
 * ORC141: a param, secret or run value inside single quotes of a `sh` command. Each target expands a reference as
 * `"${NAME}"`; inside single quotes bash prints that text instead of the value, on every target.
 */
export function checkShellQuoting(spec: PipelineSpec, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const task of spec.tasks) {
    if (task.action.kind !== "shell" || typeof task.action.command !== "object" || !("$template" in task.action.command)) continue;
    let quoting: Quoting = "none";
    for (const part of task.action.command.$template) {
      if (typeof part === "string") {
        quoting = quotingAfter(part, quoting);
        continue;
      }
      if (quoting !== "single" && quoting !== "ansi") continue;
      // Databricks' own references never reach a shell: every target with a shell refuses them.
      if (!("$param" in part || "$secret" in part || "$run" in part || "$item" in part)) continue;
      const [kind, name] = "$param" in part ? ["param", part.$param] : "$secret" in part ? ["secret", part.$secret] : "$run" in part ? ["run value", `run.${part.$run}`] : ["value", "item"];
      diagnostics.push(
        warning("ORC141", `task \`${task.id}\`: ${kind} \`${name}\` is inside single quotes in its \`sh\` command, so bash prints the variable's name, not its value`, {
          hint: "end the single quotes before it and reopen them after (`'region is '${…}`), or use double quotes (`\"region is ${…}\"`); orchc quotes the value itself",
          subject: { file, pipelineId: spec.id, taskId: task.id, path: ["action", "command"], value: name },
        }),
      );
    }
  }
  return diagnostics;
}
