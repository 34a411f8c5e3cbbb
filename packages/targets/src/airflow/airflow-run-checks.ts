import { error, type Diagnostic, type PipelineNode, type TaskNode } from "@orchc/compiler";

const FORM = { query: "saved query", alert: "alert", dashboard: "dashboard" } as const;

/**
 * What a one-off Databricks run from Airflow cannot reach: a warehouse the pipeline declares (its
 * id exists once the bundle creates it) behind a saved SQL object or a dbt task, and a dbt project
 * that is in the orchc project (Airflow uploads nothing) or in git (the run carries no git_source).
 * SQL files on a declared warehouse are refused beside the other SQL checks (airflow-checks.ts).
 */
export function checkRunFromAirflow(pipeline: PipelineNode, task: TaskNode, file: string): Diagnostic[] {
  const action = task.action;
  const at = (path: Array<string | number>, value?: string) => ({ file, pipelineId: pipeline.id, taskId: task.id, path, ...(value !== undefined && { value }) });
  const diagnostics: Diagnostic[] = [];
  const what = action.kind === "sql" && action.saved !== null ? `${FORM[action.saved.kind]} task` : action.kind === "dbt" ? "dbt task" : null;
  const warehouse = action.kind === "sql" || action.kind === "dbt" ? action.warehouse : null;
  if (what !== null && warehouse !== null && pipeline.compute.some((candidate) => candidate.name === warehouse && candidate.kind === "sqlWarehouse")) {
    diagnostics.push(
      error("ORC301", `${what} \`${task.id}\` runs on warehouse \`${warehouse}\`, which the pipeline declares; a Databricks run from Airflow needs the warehouse's id, which only exists once it is created`, {
        hint: 'name an existing warehouse by id with warehouse("<id>"), or build this pipeline for the databricks target',
        subject: at(["action", "warehouse"], warehouse),
      }),
    );
  }
  if (action.kind === "dbt" && (action.source === "git" || action.project === null || !action.project.startsWith("/"))) {
    const reason = action.source === "git" ? "in git, but a Databricks run started from Airflow carries no git source" : `${action.project === null ? "at the root of the orchc project" : `\`${action.project}\`, a folder in the orchc project`}, but a Databricks run started from Airflow uploads nothing`;
    diagnostics.push(
      error("ORC347", `dbt task \`${task.id}\` runs the dbt project ${reason}`, {
        hint: "put the project in the workspace (e.g. `databricks sync ./dbt /Workspace/Shared/dbt`) and name it there, `project: \"/Workspace/Shared/dbt\"`, or build this pipeline for the databricks target, whose bundle uploads it",
        subject: at(action.project === null ? ["action"] : ["action", action.source === "git" ? "source" : "project"]),
      }),
    );
  }
  return diagnostics;
}
