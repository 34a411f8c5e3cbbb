import { concat, databricksRef, databricksValue, notebook, pipeline, serverless, sparkPython } from "orchc";

// Databricks' own references, which only a bundle can hold: deploy-time `${…}` and run-time `{{…}}`.
const bundleOnly = pipeline("databricks_references", { compute: { jobs: serverless() }, defaultCompute: "jobs", targets: { databricks: {} } });
const report = bundleOnly.task(
  "report",
  notebook("src/report.py", { target: databricksRef("bundle.target"), owner: concat("user-", databricksRef("workspace.current_user.short_name")), started: databricksValue("job.start_time.iso_datetime") }),
);
bundleOnly.task("notify", sparkPython("src/notify.py", ["--rows", databricksValue("tasks.report.values.rows"), "--job", databricksRef("resources.jobs.databricks_references.id")])).after(report);

export default bundleOnly;
