export { importControlTable, type ImportRequest, type ImportResult } from "./control-table/import-control-table.js";
