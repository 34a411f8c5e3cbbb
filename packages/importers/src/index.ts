export { importControlTable, type ImportRequest, type ImportResult } from "./control-table/import-control-table.js";
export { importWorkflowOrchestrator, type WorkflowImportRequest } from "./workflow-orchestrator/import-workflow-orchestrator.js";
