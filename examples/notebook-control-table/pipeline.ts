// Imported from control_table.json by `orchc import control-table control_table.json`.
// From here on this file is the source: edit it, then run `orchc build`.
// Each process group is a pipeline; notebook_path and parameters → notebook(), dependencies → .after(),
// retry_attempts and interval_between_retry_attempt_seconds → .retries(), timeout_per_cell_seconds → .timeout().

import { notebook, pipeline } from "orchc";

// Process group 1.
// Left out: row 4 (`Notebook4`), "/path/to/notebook4", is inactive (active = 0).
export const processGroup1 = pipeline("control_table_group_1", {
  description: "Process group 1 of control_table.json: 3 notebooks.",
});
// control_table.json row 3
const notebook3 = processGroup1
  .task("Notebook3", notebook("/path/to/notebook3", { param1: "value1" }))
  .retries(1, { delay: "2m" })
  .timeout("15m")
  .tags("process_group_1");
// control_table.json row 2
const notebook2 = processGroup1
  .task("Notebook2", notebook("/path/to/notebook2", { param1: "value1", param2: "value2" }))
  .after(notebook3)
  .retries(2, { delay: "30s" })
  .timeout("5m")
  .tags("process_group_1");
// control_table.json row 1
processGroup1
  .task("Notebook1", notebook("/path/to/notebook1", { param1: "value1", param2: "value2" }))
  .after(notebook2, notebook3)
  .retries(3, { delay: "1m" })
  .timeout("10m")
  .tags("process_group_1");

// Process group 2.
export const processGroup2 = pipeline("control_table_group_2", {
  description: "Process group 2 of control_table.json: 1 notebook.",
});
// control_table.json row 5
processGroup2
  .task("DailyExport", notebook("/path/to/daily_export", { format: "parquet" }))
  .retries(2, { delay: "5m" })
  .tags("process_group_2");
