import { cluster, pipeline, pythonWheel, serverless } from "orchc";

// What each target refuses of a python wheel task, and where: a Maven library on serverless (its
// environment installs pip requirements only), a wheel in the project on Airflow (which uploads
// nothing), a wheel task without compute, any wheel task on GitHub Actions, and on local one
// without `.local({ command })`. A second pipeline declares the same artifact key differently.
const nightly = pipeline("nightly", {
  targets: { databricks: {}, airflow: {}, githubActions: {}, local: {} },
  artifacts: { default: { type: "whl", build: "uv build --wheel" } },
  compute: { python: serverless() },
});

nightly.task("ingest", pythonWheel("my_project", "main", { libraries: [{ whl: "dist/*.whl" }, { maven: { coordinates: "org.jsoup:jsoup:1.7.2" } }] })).compute("python");
nightly.task("report", pythonWheel("my_project", "report")).local({ command: "uv run report" });

export const weekly = pipeline("weekly", {
  targets: { databricks: {} },
  artifacts: { default: { type: "whl", build: "python -m build --wheel" } },
  compute: { jobs: cluster({ sparkVersion: "16.4.x-scala2.12", nodeType: "i3.xlarge" }) },
});
weekly.task("rebuild", pythonWheel("my_project", "rebuild", { libraries: [{ whl: "dist/*.whl" }] })).compute("jobs");

export default nightly;
