import { databricksRef, lakeflowPipeline, notebook, params, pipeline, pythonWheel, serverless } from "orchc";

// Databricks' own starting point, `databricks bundle init default-python` (its serverless variant, the
// default), said in orchc: the sample job runs a notebook, then the project's wheel and a refresh of the
// project's Lakeflow pipeline, every day. README.md lists what still differs from the template, and why;
// test/examples/databricks-default-python.test.ts compares the two field by field.
const p = params({
  catalog: { type: "string", description: "The catalog to use" },
  schema: { type: "string", description: "The schema to use" },
});

const sampleJob = pipeline("sample_job", {
  params: p,
  artifacts: { python_artifact: { type: "whl", build: "uv build --wheel" } },
  compute: { default: serverless({ environmentVersion: "4" }) },
  defaultCompute: "default",
  environments: {
    // A development copy: its trigger paused, as development mode does to a trigger with no pause_status.
    dev: {
      default: true,
      paused: true,
      params: { catalog: "hive_metastore", schema: databricksRef("workspace.current_user.short_name") },
      overrides: { databricks: { mode: "development", host: "https://my-workspace.cloud.databricks.com" } },
    },
    prod: {
      params: { catalog: "hive_metastore", schema: "prod" },
      overrides: {
        databricks: {
          mode: "production",
          host: "https://my-workspace.cloud.databricks.com",
          rootPath: "/Workspace/Users/someone@example.com/.bundle/${bundle.name}/${bundle.target}",
          targetPermissions: [{ user_name: "someone@example.com", level: "CAN_MANAGE" }],
        },
      },
    },
  },
}).databricks({
  bundleName: "my_default_python",
  bundleUuid: "8d1b9a3e-5c4f-4e2a-9b7d-2f6e0c1a4b58",
  // Every day, one day after the last run.
  trigger: { periodic: { interval: 1, unit: "DAYS" } },
});

const notebookTask = sampleJob.task("notebook_task", notebook("src/sample_notebook.ipynb"));
sampleJob
  .task("python_wheel_task", pythonWheel("my_default_python", "main", { parameters: ["--catalog", p.catalog, "--schema", p.schema], libraries: [{ whl: "dist/*.whl" }] }))
  .after(notebookTask);
sampleJob.task("refresh_pipeline", lakeflowPipeline("my_default_python_etl")).after(notebookTask);

export default sampleJob;
