import { error, type Diagnostic, type PipelineNode, type TaskNode } from "@orchc/compiler";

/**
 * A warehouse named by its name reaches SQL queries only: DatabricksSqlOperator looks it up
 * (`sql_endpoint_name`), but a one-off Databricks run (a SQL file, a saved query, dbt) takes a
 * `warehouse_id`, and Airflow has nothing that finds one by name. Clusters, instance pools and
 * policies by name are refused by the capability table (compute.*ByName).
 */
export function checkWarehouseByName(pipeline: PipelineNode, task: TaskNode, file: string): Diagnostic[] {
  const action = task.action;
  const name = "warehouse" in action ? action.warehouse : null;
  const warehouse = pipeline.compute.find((candidate) => candidate.name === name);
  if (warehouse?.kind !== "warehouse" || warehouse.warehouse.by !== "name" || (action.kind === "sql" && action.query !== null)) return [];
  return [
    error("ORC301", `task \`${task.id}\` runs a ${action.kind === "sql" ? "SQL" : action.kind} task on warehouse \`${warehouse.name}\`, named \`${warehouse.warehouse.value}\`; a Databricks run started from Airflow needs the warehouse's id, and Airflow looks a warehouse up by name only for SQL queries`, {
      hint: `name the warehouse by id, warehouse("<id>"), with each environment's own id under \`environments.<env>.compute.${warehouse.name}\`; or run the SQL as a query, sql({ query }); or build this pipeline for the databricks target`,
      subject: { file, pipelineId: pipeline.id, taskId: task.id, path: ["action", "warehouse"], value: warehouse.name },
    }),
  ];
}
