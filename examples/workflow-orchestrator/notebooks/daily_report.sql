-- The daily report the Workflow Orchestrator ran on its SQL warehouse.
SELECT current_date() AS day;
