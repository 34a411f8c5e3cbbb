import type { PipelineSpec, ValueSpec } from "@orchc/dsl";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";

/** The text a command certainly starts with: a reference first could run anything. */
function leadingText(command: ValueSpec): string {
  if (typeof command !== "object") return String(command);
  if (!("$template" in command)) return "";
  const first = command.$template[0];
  return typeof first === "string" ? first : "";
}

/** What Databricks refuses of a dbt_task when the job is created, said at the line instead. */
export function checkDbtTasks(spec: PipelineSpec, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const task of spec.tasks) {
    const action = task.action;
    if (action.kind !== "dbt") continue;
    const subject = (path: Array<string | number>) => ({ file, pipelineId: spec.id, taskId: task.id, path });
    action.commands.forEach((command, index) => {
      if (/^dbt(\s|$)/.test(leadingText(command))) return;
      diagnostics.push(
        error("ORC346", `dbt task \`${task.id}\`: command ${index + 1} does not start with \`dbt\`, and Databricks runs dbt CLI commands only`, {
          hint: "start it with the literal text `dbt ` (e.g. `dbt run --select ...`); run other commands from a shell task",
          subject: subject(["action", "commands", index]),
        }),
      );
    });
    if (action.warehouse !== undefined && action.profiles !== undefined) {
      diagnostics.push(
        error("ORC346", `dbt task \`${task.id}\` names a warehouse and a profiles folder, but Databricks writes the profile itself for a warehouse`, {
          hint: "drop `profiles` (the warehouse, catalog and schema make the profile), or drop `warehouse` and keep the connection in profiles.yml",
          subject: subject(["action", "profiles"]),
        }),
      );
    }
    for (const key of ["catalog", "schema"] as const) {
      if (action.warehouse !== undefined || action[key] === undefined) continue;
      diagnostics.push(
        error("ORC346", `dbt task \`${task.id}\` sets \`${key}\` without a warehouse, and Databricks uses it only in the profile it writes for a warehouse`, {
          hint: `give the task \`warehouse: "<warehouse compute>"\`, or set the ${key} in profiles.yml`,
          subject: subject(["action", key]),
        }),
      );
    }
  }
  return diagnostics;
}
